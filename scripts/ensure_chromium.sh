#!/usr/bin/env bash
# Make Debian's Chromium available for the browser tests (Playwright's own download does not
# work on these machines). Installs it when we are root on Debian/Ubuntu; otherwise says
# loudly that the browser tests will be skipped (CI sets REQUIRE_BROWSER=1 to fail instead).
set -u
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests ..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-color-emoji >/dev/null \
    && exit 0
fi
echo "################################################################################"
echo "# /usr/bin/chromium is missing and could not be installed: the browser tests   #"
echo "# (tests/e2e) will be SKIPPED. Install it with: apt-get install chromium       #"
echo "################################################################################"
exit 0

#!/usr/bin/env bash
# The system packages the tests use: Debian's Chromium for the browser tests (Playwright's
# own download does not work on these machines) with an emoji font and a CJK font (the
# Chinese interface, in the browser and in exported pictures), nginx for the two-replica
# test, Node for the scene player's own unit tests (tests/js) and redis-server for the live
# class's store tests. Installs them when we are root on Debian/Ubuntu; otherwise says loudly
# that those tests will be skipped (CI sets REQUIRE_BROWSER=1 to fail instead).
set -u
PACKAGES="chromium fonts-noto-color-emoji fonts-noto-cjk nginx nodejs redis-server"
missing=""
[ -x /usr/bin/chromium ] || missing="yes"
[ -x /usr/sbin/nginx ] || missing="yes"
command -v node >/dev/null 2>&1 || missing="yes"
command -v redis-server >/dev/null 2>&1 || missing="yes"
[ -e /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ] || missing="yes"
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's $PACKAGES for the browser and replica tests ..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $PACKAGES >/dev/null \
    && exit 0
fi
echo "################################################################################"
echo "# chromium, nginx, node or redis-server is missing and could not be installed:  #"
echo "# the browser tests (tests/e2e), the replica test, the player's unit tests      #"
echo "# (tests/js) and the Redis store tests (tests/classroom) will be SKIPPED.        #"
echo "# apt-get install $PACKAGES"
echo "################################################################################"
exit 0

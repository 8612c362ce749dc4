#!/usr/bin/env bash
# The font the Chinese interface needs in exported pictures (GIF, MP4, PNG, SVG): Debian's
# fonts-noto-cjk. The browser draws Chinese with the viewer's own fonts; matplotlib needs
# one on the server. Installs it when we are root on Debian/Ubuntu; otherwise says that
# Chinese words in exported pictures will be empty boxes (the app itself runs either way).
set -u
[ -e /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's fonts-noto-cjk for Chinese in exported pictures ..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk \
    >/dev/null && exit 0
fi
echo "Note: fonts-noto-cjk is not installed (apt-get install fonts-noto-cjk): exported"
echo "pictures in Chinese would show empty boxes instead of characters."
exit 0

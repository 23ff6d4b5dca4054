#!/bin/bash
# postrm of the adm-kiosk .deb (electron-builder's deb.afterRemove; ${...} names are
# filled in by electron-builder: use $NAME for shell variables here).
# On remove/purge: stop and disable the kiosk, take away what after-install.sh put outside
# the package (command, unit, udev rules, PAM file, example configuration). On upgrade:
# nothing (the new version's postinst puts it all back and restarts the kiosk).
# Never removed: the data folder /var/lib/adm-kiosk (the print log is a record ops must keep),
# /etc/adm-kiosk/config.json, and the adm-kiosk user (Debian's practice for system users).
set -e

ROOT="$DPKG_ROOT"

case "$1" in
  remove|purge)
    if [ -d "$ROOT/run/systemd/system" ]; then
      systemctl disable --now adm-kiosk.service || true
    fi
    rm -f "$ROOT/usr/bin/adm-kiosk" \
      "$ROOT/usr/lib/systemd/system/adm-kiosk.service" \
      "$ROOT/usr/lib/udev/rules.d/60-adm-kiosk-card-reader.rules" \
      "$ROOT/usr/lib/udev/rules.d/61-adm-kiosk-serial.rules" \
      "$ROOT/etc/adm-kiosk/config.example.json"
    if [ "$1" = purge ]; then
      rm -f "$ROOT/etc/pam.d/adm-kiosk"
    fi
    if [ -d "$ROOT/run/systemd/system" ]; then
      systemctl daemon-reload || true
    fi
    if [ -d "$ROOT/run/udev" ] && command -v udevadm >/dev/null; then
      udevadm control --reload-rules || true
    fi
    ;;
  upgrade|failed-upgrade|abort-install|abort-upgrade|disappear)
    ;;
esac

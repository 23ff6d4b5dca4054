#!/bin/bash
# postinst of the adm-kiosk .deb (electron-builder's deb.afterInstall; it fills in the
# ${...} names of the app: use $NAME, never brace syntax, for shell variables here).
# Runs on install and on every upgrade: everything below may run again.
#
# - /usr/bin/adm-kiosk: the command line (kiosk-shell/linux/adm-kiosk);
# - the kiosk user and group adm-kiosk (system account, no login, home /var/lib/adm-kiosk),
#   in dialout, lp and plugdev for the printer and the card reader;
# - udev rules for the card reader and USB-serial printer adapters, rules reloaded;
# - the systemd unit (installed, not enabled: docs/install.md), the PAM file it names,
#   /etc/adm-kiosk with an example configuration;
# - Electron's chrome-sandbox made setuid only where user namespaces do not work.
# DPKG_ROOT (empty on a normal install) is honoured: nothing outside it is touched, and
# systemd and udev are only told when they run in that root.
set -e

ROOT="$DPKG_ROOT"
APP_DIR="/opt/${sanitizedProductName}"
FILES="$ROOT$APP_DIR/resources/linux"
KIOSK_USER=adm-kiosk

# The command line.
install -D -m 0755 "$FILES/adm-kiosk" "$ROOT/usr/bin/adm-kiosk"

# The kiosk user.
for group in dialout lp plugdev; do
  getent group "$group" >/dev/null || groupadd --system "$group"
done
if ! getent passwd "$KIOSK_USER" >/dev/null; then
  useradd --system --user-group --home-dir /var/lib/adm-kiosk --no-create-home \
    --shell /usr/sbin/nologin --comment "ADM kiosk" --groups dialout,lp,plugdev "$KIOSK_USER"
else
  usermod --append --groups dialout,lp,plugdev "$KIOSK_USER"
fi

# Configuration: the folder (readable by the kiosk, writable by root) and an example; the
# technician's config.json is never touched.
install -d -m 0750 -g "$KIOSK_USER" "$ROOT/etc/adm-kiosk"
install -m 0640 -g "$KIOSK_USER" "$FILES/config.example.json" "$ROOT/etc/adm-kiosk/config.example.json"
install -D -m 0644 "$FILES/pam.d/adm-kiosk" "$ROOT/etc/pam.d/adm-kiosk"

# udev: the card reader and the printer's serial adapter.
install -D -m 0644 "$FILES/udev/60-adm-kiosk-card-reader.rules" "$ROOT/usr/lib/udev/rules.d/60-adm-kiosk-card-reader.rules"
install -D -m 0644 "$FILES/udev/61-adm-kiosk-serial.rules" "$ROOT/usr/lib/udev/rules.d/61-adm-kiosk-serial.rules"
if [ -d "$ROOT/run/udev" ] && command -v udevadm >/dev/null; then
  udevadm control --reload-rules || true
  udevadm trigger --action=add --subsystem-match=tty --subsystem-match=hidraw --subsystem-match=usb || true
fi

# systemd: the unit; an upgrade restarts a running kiosk (it closes its print job first).
install -D -m 0644 "$FILES/systemd/adm-kiosk.service" "$ROOT/usr/lib/systemd/system/adm-kiosk.service"
if [ -d "$ROOT/run/systemd/system" ]; then
  systemctl daemon-reload || true
  systemctl try-restart adm-kiosk.service || true
fi

# Electron's sandbox: user namespaces where they work, else the setuid helper.
if { [ -L /proc/self/ns/user ] && unshare --user true; } 2>/dev/null; then
  chmod 0755 "$ROOT$APP_DIR/chrome-sandbox" || true
else
  chmod 4755 "$ROOT$APP_DIR/chrome-sandbox" || true
fi

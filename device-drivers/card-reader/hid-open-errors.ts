import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ErrorData } from '../../src/core/errors.ts';
import { hex4 } from './hid-device-select.ts';

export const UDEV_RULE_NAME = '60-adm-kiosk-card-reader.rules';
/** The folder of the packaged app's resources the rule is shipped into (electron-builder.yml, extraResources). */
export const UDEV_RESOURCE_DIR = 'linux/udev';

/**
 * Where the shipped rule lies in this installation: in the packaged app (Electron sets
 * `process.resourcesPath`), `<resources>/udev/` (e.g. `/opt/ADM Kiosk/resources/udev/` from
 * the deb); in a checkout or an npm install, beside this driver.
 */
export function udevRuleFile(resourcesPath: unknown = Reflect.get(process, 'resourcesPath')): string {
  if (typeof resourcesPath === 'string' && resourcesPath !== '') return join(resourcesPath, UDEV_RESOURCE_DIR, UDEV_RULE_NAME);
  return fileURLToPath(new URL(`./udev/${UDEV_RULE_NAME}`, import.meta.url));
}

/** Where the shipped rule lies in this installation (`udevRuleFile()` at start-up). */
export const UDEV_RULE_FILE = udevRuleFile();

/** How node-hid (hidapi on hidraw or libusb) says that the OS refused the open. */
export function isPermissionError(error: unknown): boolean {
  const text = error instanceof Error ? error.message : String(error);
  return /permission denied|EACCES|EPERM|access denied|LIBUSB_ERROR_ACCESS/i.test(text);
}

export function permissionError(path: string, vendorId: number, productId: number, ruleFile: string = UDEV_RULE_FILE): ErrorData {
  return {
    code: 'CARD_READER_PERMISSION',
    message: `The kiosk may not open the card reader at ${path}: permission denied (the udev rule for the reader is missing or does not match ${hex4(vendorId)}:${hex4(productId)}).`,
    hint:
      `Install the udev rule shipped with the kiosk, ${ruleFile}: ` +
      `sudo install -m 0644 '${ruleFile}' /etc/udev/rules.d/ && sudo udevadm control --reload-rules && sudo udevadm trigger --subsystem-match=hidraw, ` +
      `make sure the kiosk user is in the plugdev group (sudo usermod -aG plugdev USER, then log in again), and unplug and replug the reader. ` +
      `If the reader's ids are not 1209:0001, put its ids in the rule first.`,
  };
}

export function openError(path: string, error: unknown): ErrorData {
  const text = error instanceof Error ? error.message : String(error);
  return { code: 'CARD_READER_ERROR', message: `The card reader at ${path} could not be opened: ${text}.`, hint: 'Unplug and replug the reader; if it keeps failing, check `dmesg` for USB errors.' };
}

export function enumerationError(error: unknown): ErrorData {
  const text = error instanceof Error ? error.message : String(error);
  return { code: 'CARD_READER_ERROR', message: `The list of USB HID devices could not be read: ${text}.`, hint: 'Check that libudev/libusb are installed and that the kiosk may read /sys and /dev.' };
}

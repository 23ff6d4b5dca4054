import type { CardReader, CardReaderStatus } from '../../device-drivers/card-reader/contract.ts';
import { HidCardReader } from '../../device-drivers/card-reader/hid-reader.ts';
import type { ErrorData } from '../core/errors.ts';
import { OK_NOTHING_TO_DO, type CheckLevel, type CheckResult, type FactValue } from './report.ts';

/**
 * The card reader section: whether it is connected and answering, its firmware, its last
 * error in words with what to do, the HID driver's counters, and which USB HID devices and
 * serial ports the machine has (so a technician sees a reader or printer the kiosk does not).
 */
export interface UsbDevice {
  readonly path: string;
  /** "1209:0001", when known. */
  readonly ids: string | null;
  readonly name: string | null;
}

export interface ReaderCheckOptions {
  readonly reader: CardReader;
}

export interface DeviceListOptions {
  /** USB HID devices present (node-hid's list); absent: not listed. */
  readonly listHidDevices?: () => Promise<readonly UsbDevice[]>;
  /** Serial ports present (serialport's list); absent: not listed. */
  readonly listSerialPorts?: () => Promise<readonly UsbDevice[]>;
}

/** The USB HID devices and serial ports present, one check each. */
export async function checkDevices(options: DeviceListOptions): Promise<CheckResult[]> {
  const lists = await Promise.all([deviceList('reader.hid-devices', 'USB HID devices present', options.listHidDevices), deviceList('reader.serial-ports', 'Serial ports present', options.listSerialPorts)]);
  return lists.filter((c): c is CheckResult => c !== null);
}

const READER_ADVICE: Readonly<Record<string, { words: string; whatToDo: string; level: CheckLevel }>> = {
  CARD_READER_DISCONNECTED: {
    level: 'broken',
    words: 'not connected (unplugged, or not found on USB)',
    whatToDo: 'Plug the card reader\'s USB cable back in, at both ends; the kiosk finds it by itself within seconds. If it is plugged in, try another USB port and check `lsusb` lists it.',
  },
  CARD_READER_NOT_RESPONDING: {
    level: 'broken',
    words: 'connected but does not answer',
    whatToDo: 'Unplug the card reader, wait 5 seconds and plug it back in. If it stays silent, replace the reader module.',
  },
  CARD_READER_PERMISSION: {
    level: 'broken',
    words: 'present, but the kiosk is not allowed to open it',
    whatToDo: 'Install the udev rule (device-drivers/card-reader/udev/60-adm-kiosk-card-reader.rules, see docs/operations.md), add the kiosk user to plugdev, then unplug and replug the reader.',
  },
  CARD_READER_SAM_LOCKED: {
    level: 'broken',
    words: 'cannot read e-KTP chips: its security module (SAM) is locked or missing',
    whatToDo: 'Check the SAM card is seated in the reader; a locked SAM must be unlocked or replaced by Dukcapil.',
  },
  CARD_READER_PROTOCOL: {
    level: 'broken',
    words: 'sends data the kiosk cannot read (wrong firmware, or a damaged cable)',
    whatToDo: 'Replug the reader; if it persists, check its firmware version against the supported one (PROTOCOL.md) or replace the cable.',
  },
  CONFIG_INVALID: {
    level: 'broken',
    words: 'several readers match the configuration, the kiosk uses none',
    whatToDo: 'Unplug the extra reader, or set cardReader.serialNumber (or path) in the configuration.',
  },
  CARD_READER_ERROR: {
    level: 'broken',
    words: 'reports an error',
    whatToDo: 'Unplug the card reader, wait 5 seconds and plug it back in.',
  },
};

/** A card-level failure (one card could not be read) is not a reader fault. */
const CARD_CODES: ReadonlySet<string> = new Set(['CARD_NOT_EKTP', 'CARD_BLOCKED', 'CARD_REMOVED_DURING_READ', 'CARD_AUTH_FAILED', 'CARD_READ_FAILED']);

export function readerVerdict(status: CardReaderStatus): { level: CheckLevel; words: string; whatToDo: string; code?: string } {
  const last = status.lastError;
  if (!status.connected) {
    const advice = (last !== null ? READER_ADVICE[last.code] : undefined) ?? READER_ADVICE['CARD_READER_DISCONNECTED'];
    return { level: 'broken', words: advice?.words ?? 'not connected', whatToDo: advice?.whatToDo ?? '', code: last?.code ?? 'CARD_READER_DISCONNECTED' };
  }
  if (last?.code === 'CARD_READER_SAM_LOCKED') {
    const advice = READER_ADVICE['CARD_READER_SAM_LOCKED'];
    return { level: 'broken', words: advice?.words ?? '', whatToDo: advice?.whatToDo ?? '', code: last.code };
  }
  const firmware = status.firmwareVersion === null ? 'firmware unknown' : `firmware ${status.firmwareVersion}`;
  const card = status.cardPresent ? '; a card is on the reader' : '';
  const lastCard = last !== null && CARD_CODES.has(last.code) ? `; the last card could not be read (${last.code})` : '';
  return { level: 'ok', words: `connected, ${firmware}${card}${lastCard}`, whatToDo: OK_NOTHING_TO_DO };
}

function lastErrorFact(error: ErrorData | null): FactValue {
  return error === null ? null : `${error.code}: ${error.message}`;
}

async function deviceList(id: string, label: string, list: (() => Promise<readonly UsbDevice[]>) | undefined): Promise<CheckResult | null> {
  if (list === undefined) return null;
  try {
    const devices = await list();
    return {
      id,
      label,
      level: 'ok',
      words: devices.length === 0 ? 'none found' : `${devices.length} found`,
      whatToDo: OK_NOTHING_TO_DO,
      lines: devices.map((d) => `${d.path}${d.ids === null ? '' : ` ${d.ids}`}${d.name === null ? '' : ` ${d.name}`}`),
    };
  } catch (error) {
    return { id, label, level: 'warn', words: `cannot be listed: ${error instanceof Error ? error.message : String(error)}`, whatToDo: 'Check the kiosk user may read /dev and /sys (udev).' };
  }
}

export function checkReader(options: ReaderCheckOptions): Promise<CheckResult[]> {
  const status = options.reader.status();
  const verdict = readerVerdict(status);
  const facts: Record<string, FactValue> = { kind: status.kind, device: status.device, connected: status.connected, firmware: status.firmwareVersion, lastError: lastErrorFact(status.lastError) };
  const reader = options.reader;
  if (reader instanceof HidCardReader) {
    const d = reader.diagnostics();
    facts['path'] = d.path;
    facts['serialNumber'] = d.serialNumber;
    facts['protocol'] = d.protocol;
    facts['connections'] = d.connections;
    facts['lastProtocolError'] = d.lastProtocolError === null ? null : `${d.lastProtocolError.code}: ${d.lastProtocolError.message}`;
  }
  return Promise.resolve([
    {
      id: 'reader.connection',
      label: 'Card reader',
      level: verdict.level,
      words: verdict.words,
      whatToDo: verdict.whatToDo,
      ...(verdict.code === undefined ? {} : { code: verdict.code }),
      facts,
    },
  ]);
}

import type { BufferClearOutcome, Printer, PrinterProfile, PrinterStatus } from '../../../device-drivers/printer/contract.ts';
import { clearBuffers } from '../../../device-drivers/printer/escpos-commands.ts';
import { EscPosEmulator } from '../../../device-drivers/printer/escpos-emulator.ts';

/** Test support for print jobs: a virtual clock and a printer whose status is scripted. */

export const OK: PrinterStatus = { online: true, coverOpen: false, paperNearEnd: false, paperEnd: false, error: false };
export const PAPER_END: PrinterStatus = { ...OK, online: false, paperEnd: true, paperNearEnd: true };
export const COVER_OPEN: PrinterStatus = { ...OK, online: false, coverOpen: true };

export interface VirtualClock {
  t: number;
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** Virtual time: writes take their wire time (ScriptedPrinter adds it), sleeps pass at once. */
export function virtualClock(onSleep?: (now: number) => void): VirtualClock {
  const clock: VirtualClock = {
    t: 0,
    now: () => clock.t,
    sleep: (ms: number) => {
      clock.t += ms;
      onSleep?.(clock.t);
      return Promise.resolve();
    },
  };
  return clock;
}

/**
 * A printer whose status is scripted; bytes go into an ESC/POS emulator so pages can be
 * checked. Its buffer clear writes DLE DC4 fn=8 and answers `clearOutcome`.
 */
export class ScriptedPrinter implements Printer {
  readonly link = 'emulator' as const;
  readonly emulator: EscPosEmulator;
  bytes = 0;
  polls = 0;
  clears = 0;
  clearOutcome: BufferClearOutcome = 'cleared';
  readonly onLinkEvent: Printer['onLinkEvent'] = () => () => undefined;
  constructor(
    readonly profile: PrinterProfile,
    private readonly script: (s: { bytes: number; polls: number }) => PrinterStatus | Error,
    private readonly clock?: { t: number },
    private readonly onWrite?: (bytes: number) => void,
  ) {
    this.emulator = new EscPosEmulator({ profile, keepPages: true });
  }
  open = () => Promise.resolve();
  close = () => Promise.resolve();
  describe = () => 'scripted test printer';
  status(): Promise<PrinterStatus> {
    this.polls += 1;
    const answer = this.script({ bytes: this.bytes, polls: this.polls });
    return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
  }
  write(bytes: Uint8Array): Promise<void> {
    this.bytes += bytes.length;
    if (this.clock) this.clock.t += (bytes.length * 10 * 1000) / this.profile.serial.baudRate;
    this.emulator.write(bytes);
    this.onWrite?.(this.bytes);
    return Promise.resolve();
  }
  async clearBuffers(): Promise<BufferClearOutcome> {
    this.clears += 1;
    await this.write(clearBuffers());
    return this.clearOutcome;
  }
}

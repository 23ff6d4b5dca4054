import { KioskError } from '../../src/core/errors.ts';
import type { PrinterProfile } from './contract.ts';
import { EscPosEmulator, type EmulatedPage, type EmulatorFault } from './escpos-emulator.ts';
import { realSerialPort, type SerialPortFactory, type SerialPortLike } from './links/serial-link.ts';

/**
 * The ESC/POS emulator behind a serial device: typically one end of a socat pty pair
 * (`socat -d -d pty,raw,echo=0 pty,raw,echo=0`) with the kiosk's SerialPrinter on the other
 * end, or a real serial port with a null-modem cable to another machine. It decodes what
 * arrives into page PNGs and answers DLE EOT status on the line.
 */
export interface SerialEmulatorOptions {
  readonly device: string;
  readonly outDir: string;
  readonly profile: PrinterProfile;
  readonly fault?: EmulatorFault | readonly EmulatorFault[];
  /** Stops the emulator (closes the device) when aborted. */
  readonly signal?: AbortSignal;
  readonly onPage?: (page: EmulatedPage) => void;
  /** How the port is made; defaults to the real serial port. */
  readonly portFactory?: SerialPortFactory;
}

export interface SerialEmulator {
  readonly emulator: EscPosEmulator;
  /** Resolves when stopped (signal or stop()); rejects with PRINTER_DISCONNECTED when the device goes away. */
  readonly done: Promise<void>;
  stop(): Promise<void>;
  /** Clears every fault (paper loaded, cover closed, printer back) and reads the line again. */
  clearFault(): void;
}

export async function runSerialEmulator(options: SerialEmulatorOptions): Promise<SerialEmulator> {
  const faults = options.fault === undefined ? [] : Array.isArray(options.fault) ? (options.fault as readonly EmulatorFault[]) : [options.fault as EmulatorFault];
  const port: SerialPortLike = (options.portFactory ?? realSerialPort)({
    path: options.device,
    baudRate: options.profile.serial.baudRate,
    rtscts: false,
    xon: false,
    xoff: false,
  });
  const emulator = new EscPosEmulator({
    profile: options.profile,
    outDir: options.outDir,
    faults,
    ...(options.onPage === undefined ? {} : { onPage: options.onPage }),
    onResponse: (bytes) => {
      // A failed answer means the line is gone; the 'close'/'error' events report that.
      port.write(Buffer.from(bytes), () => undefined);
    },
  });

  let stopping = false;
  let settle: { resolve: () => void; reject: (error: unknown) => void } | undefined;
  const done = new Promise<void>((resolve, reject) => {
    settle = { resolve, reject };
  });
  const fail = (cause?: Error | null): void => {
    if (stopping) return;
    stopping = true;
    settle?.reject(
      new KioskError('PRINTER_DISCONNECTED', `The emulator's serial device ${options.device} went away.`, {
        hint: 'Restart socat (or reconnect the cable) and the emulator.',
        ...(cause === undefined || cause === null ? {} : { cause }),
      }),
    );
  };

  port.on('data', (chunk) => {
    try {
      emulator.write(chunk);
      // A hung printer stops taking bytes: stop reading so the line pushes back on the host.
      if (emulator.isSilent) port.pause?.();
    } catch (error) {
      // Only writing a PNG can fail (disk full): the device is useless then, stop.
      port.close();
      stopping = true;
      settle?.reject(error);
    }
  });
  port.on('close', (error) => fail(error));
  port.on('error', (error) => fail(error));

  await new Promise<void>((resolve, reject) => {
    port.open((error) => {
      if (error === null) resolve();
      else reject(new KioskError('ARGUMENT_INVALID', `The serial device ${options.device} cannot be opened.`, { hint: 'Check the path (e.g. the /dev/pts/N socat printed) and permissions.', cause: error }));
    });
  });

  const stop = async (): Promise<void> => {
    if (stopping) {
      await done.catch(() => undefined);
      return;
    }
    stopping = true;
    if (port.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
    port.removeAllListeners();
    // A hang-up noticed after closing must not become an unhandled 'error' event.
    port.on('error', () => undefined);
    settle?.resolve();
  };

  if (options.signal !== undefined) {
    if (options.signal.aborted) await stop();
    else options.signal.addEventListener('abort', () => void stop(), { once: true });
  }

  const clearFault = (): void => {
    emulator.clearFault();
    port.resume?.();
  };

  return { emulator, done, stop, clearFault };
}

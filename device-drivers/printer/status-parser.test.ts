import { describe, expect, it } from 'vitest';
import { KioskError } from '../../src/core/errors.ts';
import { combineStatus, describeStatus, describeStatusWithCause, encodeErrorCause, encodePaperSensorStatus, encodeStatusBytes, parsePaperSensorStatus, parseStatusByte, statusError } from './status-parser.ts';

const bit = (byte: number, n: number): boolean => (byte & (1 << n)) !== 0;
const valid = (byte: number): boolean => (byte & 0x93) === 0x12;

describe('parseStatusByte', () => {
  it('fuzz: every byte for every request either parses with flags matching its bits or is PRINTER_ERROR', () => {
    let accepted = 0;
    for (const n of [1, 2, 4] as const) {
      for (let byte = 0; byte < 256; byte += 1) {
        let parsed;
        try {
          parsed = parseStatusByte(n, byte);
        } catch (error) {
          expect(error).toBeInstanceOf(KioskError);
          expect((error as KioskError).code).toBe('PRINTER_ERROR');
          expect((error as KioskError).message).toContain('unexpected status byte');
          expect(valid(byte)).toBe(false);
          continue;
        }
        accepted += 1;
        expect(valid(byte)).toBe(true);
        if (parsed.request === 1) expect(parsed.offline).toBe(bit(byte, 3));
        if (parsed.request === 2) {
          expect(parsed.coverOpen).toBe(bit(byte, 2));
          expect(parsed.paperEndStop).toBe(bit(byte, 5));
          expect(parsed.error).toBe(bit(byte, 6));
        }
        if (parsed.request === 4) {
          expect(parsed.paperNearEnd).toBe(bit(byte, 2) || bit(byte, 3));
          expect(parsed.paperEnd).toBe(bit(byte, 5) || bit(byte, 6));
        }
      }
    }
    // 4 fixed bits leave 16 valid bytes per request.
    expect(accepted).toBe(48);
  });

  it('rejects values that are not bytes', () => {
    expect(() => parseStatusByte(1, -1)).toThrow(KioskError);
    expect(() => parseStatusByte(1, 256)).toThrow(KioskError);
    expect(() => parseStatusByte(1, Number.NaN)).toThrow(KioskError);
  });
});

describe('combineStatus', () => {
  it('reads a ready printer', () => {
    const status = combineStatus(0x12, 0x12, 0x12);
    expect(status).toEqual({ online: true, coverOpen: false, paperNearEnd: false, paperEnd: false, error: false });
    expect(describeStatus(status)).toBe('ready');
    expect(statusError(status)).toBeUndefined();
  });

  it('reads paper end (offline, stopped, sensor)', () => {
    const status = combineStatus(0x1a, 0x32, 0x7e);
    expect(status).toEqual({ online: false, coverOpen: false, paperNearEnd: true, paperEnd: true, error: false });
    expect(statusError(status)?.code).toBe('PRINTER_PAPER_END');
    expect(describeStatus(status)).toBe('offline, out of paper');
  });

  it('reads cover open and errors', () => {
    expect(statusError(combineStatus(0x1a, 0x16, 0x12))?.code).toBe('PRINTER_COVER_OPEN');
    expect(statusError(combineStatus(0x12, 0x52, 0x12))?.code).toBe('PRINTER_ERROR');
    expect(statusError(combineStatus(0x1a, 0x12, 0x12))?.code).toBe('PRINTER_OFFLINE');
  });

  it('round-trips through the bytes the emulator sends', () => {
    for (const online of [true, false]) {
      for (const coverOpen of [true, false]) {
        for (const paperEnd of [true, false]) {
          for (const error of [true, false]) {
            const status = { online, coverOpen, paperNearEnd: paperEnd, paperEnd, error };
            const { b1, b2, b4 } = encodeStatusBytes(status);
            expect(combineStatus(b1, b2, b4)).toEqual(status);
          }
        }
      }
    }
  });
});

describe('GS r 1 (paper sensor status, answered in order with the data)', () => {
  it('reads near end and paper end; cover and errors are not in it', () => {
    expect(parsePaperSensorStatus(0x00)).toEqual({ online: true, coverOpen: false, paperNearEnd: false, paperEnd: false, error: false });
    expect(parsePaperSensorStatus(0x03)).toMatchObject({ online: true, paperNearEnd: true, paperEnd: false });
    expect(parsePaperSensorStatus(0x0f)).toMatchObject({ online: false, paperNearEnd: true, paperEnd: true });
    expect(parsePaperSensorStatus(0x0c)).toMatchObject({ online: false, paperEnd: true });
  });

  it('refuses bytes with the fixed bits 4 or 7 set (a DLE EOT answer, XON/XOFF, noise)', () => {
    for (const byte of [0x12, 0x11, 0x13, 0x80, 256, -1]) expect(() => parsePaperSensorStatus(byte)).toThrow(expect.objectContaining({ code: 'PRINTER_ERROR' }) as Error);
  });

  it('round-trips through the byte the emulator sends', () => {
    for (const paperEnd of [true, false]) {
      for (const paperNearEnd of [true, false]) {
        const status = { online: !paperEnd, coverOpen: false, paperNearEnd: paperNearEnd || paperEnd, paperEnd, error: false };
        expect(parsePaperSensorStatus(encodePaperSensorStatus(status))).toEqual(status);
      }
    }
  });
});

describe('DLE EOT 3 (error cause)', () => {
  it('reads the cutter, mechanical, unrecoverable and automatically recoverable bits, and says them in words', () => {
    expect(parseStatusByte(3, 0x12)).toEqual({ request: 3, mechanical: false, cutter: false, unrecoverable: false, autoRecoverable: false });
    expect(parseStatusByte(3, 0x1a)).toMatchObject({ cutter: true });
    expect(parseStatusByte(3, 0x52)).toMatchObject({ autoRecoverable: true });
    expect(parseStatusByte(3, 0x36)).toMatchObject({ mechanical: true, unrecoverable: true });
    const cutterJam = { online: false, coverOpen: false, paperNearEnd: false, paperEnd: false, error: true };
    expect(describeStatusWithCause(cutterJam, { mechanical: false, cutter: true, unrecoverable: false, autoRecoverable: false })).toBe('offline, cutter error');
    expect(describeStatusWithCause(cutterJam, undefined)).toBe('offline, error');
  });

  it('round-trips through the byte the emulator sends', () => {
    for (const cutter of [true, false]) {
      for (const autoRecoverable of [true, false]) {
        const cause = { mechanical: false, cutter, unrecoverable: false, autoRecoverable };
        expect(parseStatusByte(3, encodeErrorCause(cause))).toEqual({ request: 3, ...cause });
      }
    }
  });
});

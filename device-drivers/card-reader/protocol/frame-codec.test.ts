import { describe, expect, it } from 'vitest';
import { crc16, crc8 } from './checksums.ts';
import { Command, ReaderEvent, replyTypeOf } from './constants.ts';
import { encodeFrame, ReportPacker } from './frame-codec.ts';
import { encodeChip, encodeIndication, encodeInfo, encodeState, resultOnly } from './messages.ts';
import { fromHex, hex } from './protocol-test-helpers.ts';

/** The worked examples of PROTOCOL.md, byte for byte: if one changes, the document is wrong. */
describe('frames as PROTOCOL.md writes them', () => {
  it('uses CRC-8/SMBUS and CRC-16/CCITT-FALSE (check values over "123456789")', () => {
    const check = new TextEncoder().encode('123456789');
    expect(crc8(check)).toBe(0xf4);
    expect(crc16(check)).toBe(0x29b1);
  });

  it('encodes the example commands, replies and events exactly', () => {
    expect(hex(encodeFrame(Command.GET_STATUS, 1))).toBe('A5 02 01 00 00 47 18 1B');
    expect(hex(encodeFrame(replyTypeOf(Command.GET_STATUS), 1, encodeState({ cardInField: true, samReady: true, samLocked: false, busy: false })))).toBe(
      'A5 82 01 02 00 5C 00 03 3B 20',
    );
    expect(hex(encodeFrame(Command.GET_INFO, 2))).toBe('A5 01 02 00 00 C0 79 8F');
    expect(hex(encodeFrame(replyTypeOf(Command.GET_INFO), 2, encodeInfo({ protocolMajor: 1, protocolMinor: 0, firmwareVersion: 'ADM-R 1.4.2', serialNumber: 'R-0042' })))).toBe(
      'A5 81 02 16 00 D8 00 01 00 0B 41 44 4D 2D 52 20 31 2E 34 2E 32 06 52 2D 30 30 34 32 60 2B',
    );
    expect(hex(encodeFrame(ReaderEvent.CARD_IN, 7))).toBe('A5 C1 07 00 00 AA 68 CD');
    expect(hex(encodeFrame(Command.READ_CARD, 3))).toBe('A5 03 03 00 00 87 6D 85');
    expect(hex(encodeFrame(replyTypeOf(Command.READ_CARD), 3, encodeChip({ uid: '04A1B2C3D4E5F6', nik: '3273015708850001', validUntil: null, name: 'SITI AMINAH' })))).toBe(
      'A5 83 03 29 00 A5 00 07 04 A1 B2 C3 D4 E5 F6 33 32 37 33 30 31 35 37 30 38 38 35 30 30 30 31 00 00 00 00 0B 53 49 54 49 20 41 4D 49 4E 41 48 35 9E',
    );
    expect(hex(encodeFrame(replyTypeOf(Command.READ_CARD), 3, resultOnly(0x02)))).toBe('A5 83 03 01 00 A3 02 D9 E4');
    expect(hex(encodeFrame(Command.INDICATE, 4, encodeIndication({ led: 1, ledMs: 500, beeps: 1, beepMs: 100 })))).toBe('A5 04 04 06 00 8D 01 F4 01 01 64 00 9C 46');
  });

  it('packs a frame into 64-byte reports: RSEQ, count, stream bytes, zero padding', () => {
    const [report] = new ReportPacker(0).pack(fromHex('A5 02 01 00 00 47 18 1B'));
    expect(report).toHaveLength(64);
    expect(hex(report!.subarray(0, 10))).toBe('00 08 A5 02 01 00 00 47 18 1B');
    expect(report!.subarray(10).every((byte) => byte === 0)).toBe(true);
  });

  it('spreads a frame longer than 62 bytes over several reports with consecutive RSEQ, wrapping at 255', () => {
    const frame = encodeFrame(replyTypeOf(Command.READ_CARD), 9, encodeChip({ uid: '04A1B2C3D4E5F6', nik: '3273015708850001', validUntil: '2017-08-17', name: 'RADEN AYU SRI WAHYUNINGSIH KUSUMAWARDHANI PUTRI' }));
    expect(frame.length).toBeGreaterThan(62);
    const reports = new ReportPacker(255).pack(frame);
    expect(reports.map((r) => [r[0], r[1]])).toEqual([
      [255, 62],
      [0, frame.length - 62],
    ]);
  });

  it('refuses to build what the protocol cannot carry', () => {
    expect(() => encodeFrame(0x40, 0)).toThrow(RangeError);
    expect(() => encodeFrame(Command.GET_INFO, 256)).toThrow(RangeError);
    expect(() => encodeFrame(Command.GET_INFO, 0, new Uint8Array(513))).toThrow(RangeError);
    expect(() => new ReportPacker().pack(new Uint8Array(4), 63)).toThrow(RangeError);
  });
});

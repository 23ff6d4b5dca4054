import { describe, expect, it } from 'vitest';
import { crc32 as zlibCrc32 } from 'node:zlib';
import { crc32, crc8 } from './checksums.ts';
import { Command, ReaderEvent, replyTypeOf } from './constants.ts';
import { concatFrames, encodeFrame, ReportPacker } from './frame-codec.ts';
import { encodeChip, encodeIndication, encodeInfo, encodeState, resultOnly } from './messages.ts';
import { fromHex, hex } from './protocol-test-helpers.ts';

/** The worked examples of PROTOCOL.md, byte for byte: if one changes, the document is wrong. */
describe('frames as PROTOCOL.md writes them', () => {
  it('uses CRC-8/SMBUS and CRC-32/ISO-HDLC (check values over "123456789"; CRC-32 equal to zlib\'s)', () => {
    const check = new TextEncoder().encode('123456789');
    expect(crc8(check)).toBe(0xf4);
    expect(crc32(check)).toBe(0xcbf43926);
    for (let n = 0; n < 50; n += 1) {
      const bytes = Uint8Array.from({ length: n * 7 }, (_, i) => (i * 131 + n) & 0xff);
      expect(crc32(bytes)).toBe(zlibCrc32(bytes));
    }
  });

  it('encodes the example commands, replies and events exactly', () => {
    expect(hex(encodeFrame(Command.GET_STATUS, 1))).toBe('A5 02 01 00 00 47 2B 17 E6 EC');
    expect(hex(encodeFrame(replyTypeOf(Command.GET_STATUS), 1, encodeState({ cardInField: true, samReady: true, samLocked: false, busy: false })))).toBe(
      'A5 82 01 02 00 5C 00 03 0E 22 D6 CF',
    );
    expect(hex(encodeFrame(Command.GET_INFO, 2))).toBe('A5 01 02 00 00 C0 96 D4 2F CA');
    expect(hex(encodeFrame(replyTypeOf(Command.GET_INFO), 2, encodeInfo({ protocolMajor: 1, protocolMinor: 0, firmwareVersion: 'ADM-R 1.4.2', serialNumber: 'R-0042' })))).toBe(
      'A5 81 02 16 00 D8 00 01 00 0B 41 44 4D 2D 52 20 31 2E 34 2E 32 06 52 2D 30 30 34 32 04 EE 54 A0',
    );
    expect(hex(encodeFrame(ReaderEvent.CARD_IN, 7))).toBe('A5 C1 07 00 00 AA 39 44 83 B9');
    expect(hex(encodeFrame(Command.READ_CARD, 3))).toBe('A5 03 03 00 00 87 A0 34 EB E0');
    expect(hex(encodeFrame(replyTypeOf(Command.READ_CARD), 3, encodeChip({ uid: '04A1B2C3D4E5F6', nik: '3273015708850001', validUntil: null, name: 'SITI AMINAH' })))).toBe(
      'A5 83 03 29 00 A5 00 07 04 A1 B2 C3 D4 E5 F6 33 32 37 33 30 31 35 37 30 38 38 35 30 30 30 31 00 00 00 00 0B 53 49 54 49 20 41 4D 49 4E 41 48 50 F0 89 3D',
    );
    expect(hex(encodeFrame(replyTypeOf(Command.READ_CARD), 3, resultOnly(0x02)))).toBe('A5 83 03 01 00 A3 02 66 54 DE BD');
    expect(hex(encodeFrame(Command.INDICATE, 4, encodeIndication({ led: 1, ledMs: 500, beeps: 1, beepMs: 100 })))).toBe('A5 04 04 06 00 8D 01 F4 01 01 64 00 65 16 69 86');
  });

  it('packs a frame into 64-byte reports: RSEQ, count, stream bytes, zero padding', () => {
    const [report] = new ReportPacker(0).pack(fromHex('A5 02 01 00 00 47 2B 17 E6 EC'));
    expect(report).toHaveLength(64);
    expect(hex(report!.subarray(0, 12))).toBe('00 0A A5 02 01 00 00 47 2B 17 E6 EC');
    expect(report!.subarray(12).every((byte) => byte === 0)).toBe(true);
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

  it('cuts a reply and an event into two reports as example 10 shows', () => {
    const reply = encodeFrame(replyTypeOf(Command.READ_CARD), 0x2a, encodeChip({ uid: '262B6E15', nik: '3578011708900003', validUntil: '2017-08-17', name: 'BUDI SANTOSO WIRYONEGORO' }));
    const [first, second, ...rest] = new ReportPacker(0xfe).pack(concatFrames([reply, encodeFrame(ReaderEvent.CARD_OUT, 0x31)]));
    expect(rest).toEqual([]);
    expect(hex(first!)).toBe(
      'FE 3E A5 83 2A 33 00 09 00 04 26 2B 6E 15 33 35 37 38 30 31 31 37 30 38 39 30 30 30 30 33 ' +
        '20 17 08 17 18 42 55 44 49 20 53 41 4E 54 4F 53 4F 20 57 49 52 59 4F 4E 45 47 4F 52 ' +
        '4F 4F 77 74 02 A5',
    );
    expect(hex(second!.subarray(0, 11))).toBe('FF 09 C2 31 00 00 0C 49 9F D6 14');
    expect(second!.subarray(11).every((byte) => byte === 0)).toBe(true);
  });

  it('refuses to build what the protocol cannot carry', () => {
    expect(() => encodeFrame(0x40, 0)).toThrow(RangeError);
    expect(() => encodeFrame(Command.GET_INFO, 256)).toThrow(RangeError);
    expect(() => encodeFrame(Command.GET_INFO, 0, new Uint8Array(513))).toThrow(RangeError);
    expect(() => new ReportPacker().pack(new Uint8Array(4), 63)).toThrow(RangeError);
  });
});

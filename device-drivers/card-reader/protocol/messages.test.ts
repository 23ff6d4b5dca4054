import { describe, expect, it } from 'vitest';
import { decodeChip, decodeIndication, decodeInfo, decodeState, encodeChip, encodeIndication, encodeInfo, encodeState, splitReply } from './messages.ts';

const CHIP = { uid: '04A1B2C3D4E5F6', nik: '3273015708850001', validUntil: null, name: 'SITI AMINAH' };
const data = (payload: Uint8Array) => splitReply(payload, 'test').data;

describe('reply payloads', () => {
  it('round-trips what the reader says about itself, its state and the chip', () => {
    const info = { protocolMajor: 1, protocolMinor: 3, firmwareVersion: 'ADM-R 1.4.2', serialNumber: 'R-0042' };
    expect(decodeInfo(data(encodeInfo(info)))).toEqual(info);
    const state = { cardInField: true, samReady: true, samLocked: false, busy: true };
    expect(decodeState(data(encodeState(state)))).toEqual(state);
    expect(decodeChip(data(encodeChip(CHIP)))).toEqual(CHIP);
    expect(decodeChip(data(encodeChip({ ...CHIP, uid: '262B6E15', validUntil: '2017-08-17' })))).toEqual({ ...CHIP, uid: '262B6E15', validUntil: '2017-08-17' });
    const indication = { led: 2, ledMs: 1500, beeps: 3, beepMs: 80 };
    expect(decodeIndication(encodeIndication(indication))).toEqual(indication);
  });

  it('refuses a chip reply whose fields do not hold what the protocol says, naming the field and not its value', () => {
    const good = data(encodeChip(CHIP));
    const cases: [string, (bytes: Uint8Array) => Uint8Array, RegExp][] = [
      ['UID length', (b) => Uint8Array.from([5, ...b.subarray(1)]), /UID/],
      ['NIK digits', (b) => b.map((x, i) => (i === 9 ? 0x41 : x)), /NIK is not 16 ASCII digits/],
      ['date', (b) => b.map((x, i) => (i === 24 ? 0x20 : i === 25 ? 0x17 : i === 26 ? 0x13 : i === 27 ? 0x01 : x)), /VALID_UNTIL/],
      ['name past the end', (b) => b.subarray(0, b.length - 2), /NAME runs past the end/],
      ['trailing bytes', (b) => Uint8Array.from([...b, 0]), /after the last field/],
      ['control character', (b) => b.map((x, i) => (i === b.length - 1 ? 0x07 : x)), /control characters/],
      ['not UTF-8', (b) => b.map((x, i) => (i === b.length - 1 ? 0xff : x)), /not UTF-8/],
    ];
    for (const [label, mutate, message] of cases) {
      let caught: unknown;
      try {
        decodeChip(mutate(good));
      } catch (error) {
        caught = error;
      }
      expect(caught, label).toMatchObject({ code: 'CARD_READER_PROTOCOL', message: expect.stringMatching(message) as unknown });
      expect((caught as Error).message, label).not.toMatch(/3273|SITI/);
    }
  });

  it('refuses a reply with no RESULT byte, a status of the wrong size and an info without firmware version', () => {
    expect(() => splitReply(new Uint8Array(0), 'GET_STATUS reply')).toThrow(expect.objectContaining({ code: 'CARD_READER_PROTOCOL' }));
    expect(() => decodeState(Uint8Array.from([1, 2]))).toThrow(/2 bytes instead of 1/);
    expect(() => decodeInfo(Uint8Array.from([1, 0, 0, 0]))).toThrow(/firmware version is empty/);
  });

  it('refuses an indication outside the documented ranges', () => {
    expect(decodeIndication(encodeIndication({ led: 4, ledMs: 0, beeps: 0, beepMs: 0 }))).toBeNull();
    expect(decodeIndication(encodeIndication({ led: 1, ledMs: 0, beeps: 6, beepMs: 0 }))).toBeNull();
    expect(decodeIndication(Uint8Array.from([1, 2]))).toBeNull();
  });
});

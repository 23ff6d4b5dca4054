import { createHash } from 'node:crypto';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { encodeQr, formatBits } from './qr.ts';

/** What qrcode itself makes (it picks the mask): the reference for encodeQr. */
function reference(bytes: Uint8Array) {
  const symbol = QRCode.create([{ data: bytes, mode: 'byte' }], { errorCorrectionLevel: 'M' });
  return { mask: symbol.maskPattern as number, version: symbol.version, size: symbol.modules.size, data: Uint8Array.from(symbol.modules.data) };
}

/** Deterministic payload-like ASCII of a given length (hash-derived, so masks vary). */
function payload(seed: number, length: number): Uint8Array {
  let text = `ADM1|kk|${seed}|`;
  let i = 0;
  while (text.length < length) text += createHash('sha256').update(`${seed}/${i++}`).digest('base64url');
  return Buffer.from(text.slice(0, length), 'utf8');
}

describe('encodeQr', () => {
  it('writes the format bits qrcode writes for every mask', () => {
    for (const mask of [0, 1, 2, 3, 4, 5, 6, 7] as const) {
      const bits = QRCode.create('x', { errorCorrectionLevel: 'M', maskPattern: mask });
      // Bits 0-5 of the format sit in column 8, rows 0-5.
      const read = Array.from({ length: 6 }, (_, i) => bits.modules.get(i, 8)).reduce((acc, v, i) => acc | (v << i), 0);
      expect(read).toBe(formatBits(mask) & 0x3f);
    }
  });

  it('picks the same mask and makes the same modules as qrcode, over 600 payloads of 1 to 400 bytes', () => {
    const masks = new Set<number>();
    const versions = new Set<number>();
    for (let seed = 0; seed < 600; seed += 1) {
      const bytes = payload(seed, 1 + ((seed * 67) % 400));
      const ours = encodeQr(bytes);
      const theirs = reference(bytes);
      expect({ mask: ours.mask, version: ours.version, size: ours.size }).toEqual({ mask: theirs.mask, version: theirs.version, size: theirs.size });
      expect(Buffer.from(ours.data).equals(Buffer.from(theirs.data))).toBe(true);
      masks.add(ours.mask);
      versions.add(ours.version);
    }
    // The comparison covered every mask and a wide range of symbol sizes (with and without version information).
    expect(masks.size).toBe(8);
    expect(Math.min(...versions)).toBeLessThan(7);
    expect(Math.max(...versions)).toBeGreaterThanOrEqual(10);
  });
});

import jsqrModule from 'jsqr';
import { describe, expect, it } from 'vitest';
import { encodeQr } from './qr.ts';

type JsQr = typeof jsqrModule.default;
const jsQR: JsQr = typeof (jsqrModule as unknown) === 'function' ? (jsqrModule as unknown as JsQr) : jsqrModule.default;

/** The symbol drawn as an image (4 px modules, 4-module quiet zone) and read back by a QR reader. */
function readBack(text: string): string | undefined {
  const qr = encodeQr(Buffer.from(text, 'utf8'));
  const scale = 4;
  const side = (qr.size + 8) * scale;
  const rgba = new Uint8ClampedArray(side * side * 4).fill(255);
  for (let r = 0; r < qr.size; r += 1) {
    for (let c = 0; c < qr.size; c += 1) {
      if (qr.data[r * qr.size + c] !== 1) continue;
      for (let y = 0; y < scale; y += 1) for (let x = 0; x < scale; x += 1) rgba.fill(0, (((r + 4) * scale + y) * side + (c + 4) * scale + x) * 4, (((r + 4) * scale + y) * side + (c + 4) * scale + x) * 4 + 3);
    }
  }
  return jsQR(rgba, side, side)?.data;
}

describe('encodeQr', () => {
  it('makes symbols a QR reader reads back, for payload-sized texts', () => {
    for (const length of [20, 150, 230, 320]) {
      const text = `ADM1|kk|${'3273021708900003|'.repeat(20)}`.slice(0, length);
      expect(readBack(text)).toBe(text);
    }
  });

  it('is deterministic: the same text gives the same modules', () => {
    const a = encodeQr(Buffer.from('ADM1|ktp|x', 'utf8'));
    const b = encodeQr(Buffer.from('ADM1|ktp|x', 'utf8'));
    expect(Buffer.from(a.data).equals(Buffer.from(b.data))).toBe(true);
    expect(a.size).toBe(4 * a.version + 17);
  });
});

/**
 * A 1-bit image as printers take it: rows of `bytesPerRow` bytes, most significant bit
 * first, 1 = black (a dot to burn), rows padded with 0 bits to whole bytes.
 */
export interface MonoBitmap {
  readonly width: number;
  readonly height: number;
  readonly bytesPerRow: number;
  readonly data: Uint8Array;
}

export function createMonoBitmap(width: number, height: number): MonoBitmap {
  const bytesPerRow = Math.ceil(width / 8);
  return { width, height, bytesPerRow, data: new Uint8Array(bytesPerRow * height) };
}

export function getDot(bitmap: MonoBitmap, x: number, y: number): boolean {
  const byte = bitmap.data[y * bitmap.bytesPerRow + (x >> 3)] ?? 0;
  return (byte & (0x80 >> (x & 7))) !== 0;
}

export function setDot(bitmap: MonoBitmap, x: number, y: number, black = true): void {
  const index = y * bitmap.bytesPerRow + (x >> 3);
  const mask = 0x80 >> (x & 7);
  const current = bitmap.data[index] ?? 0;
  bitmap.data[index] = black ? current | mask : current & ~mask;
}

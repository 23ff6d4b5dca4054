import type { MonoBitmap } from '../bitmap.ts';

/**
 * Lower bounds of the image data a page needs, all commands free: what no layout can beat.
 * Row raster commands (GS v 0, GS ( L, ESC * bands) send whole rows cropped at best to their
 * inked byte span; segmented ESC * sends dot columns of a stripe's height.
 */

/** Every blank row skipped and every row cropped to its own inked byte span. */
export function rowFloorBytes(page: MonoBitmap): number {
  const { bytesPerRow, data } = page;
  let total = 0;
  for (let y = 0; y < page.height; y += 1) {
    const row = y * bytesPerRow;
    let lo = 0;
    while (lo < bytesPerRow && data[row + lo] === 0) lo += 1;
    if (lo === bytesPerRow) continue;
    let hi = bytesPerRow;
    while (hi > lo && data[row + hi - 1] === 0) hi -= 1;
    total += hi - lo;
  }
  return total;
}

/**
 * Every dot column covered by the fewest `stripe`-dot ESC * columns that hold all its ink
 * (greedy interval cover, per column), each costing stripe/8 bytes. No ESC * layout, whatever
 * its strip positions, pieces or feeds, can send less image data.
 */
export function columnFloorBytes(page: MonoBitmap, stripe: 8 | 24): number {
  const coverEnd = new Int32Array(page.bytesPerRow * 8);
  const { bytesPerRow, data } = page;
  let columns = 0;
  for (let y = 0; y < page.height; y += 1) {
    const row = y * bytesPerRow;
    for (let b = 0; b < bytesPerRow; b += 1) {
      const byte = data[row + b] ?? 0;
      if (byte === 0) continue;
      for (let bit = 0; bit < 8; bit += 1) {
        if ((byte & (0x80 >> bit)) === 0) continue;
        const x = b * 8 + bit;
        if (y >= (coverEnd[x] ?? 0)) {
          columns += 1;
          coverEnd[x] = y + stripe;
        }
      }
    }
  }
  return columns * (stripe / 8);
}

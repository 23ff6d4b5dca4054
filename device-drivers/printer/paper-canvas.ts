import { createMonoBitmap, type MonoBitmap } from './bitmap.ts';

/**
 * The paper under the emulator's print head: a 1-bit page as wide as the profile that grows
 * downwards as images land on it. It only draws and hands pages out; where the print position
 * is, what fits the print area and what to warn about is the emulator's business.
 */
export class PaperCanvas {
  /** True once any dot has been burnt on this page. */
  inked = false;
  private readonly bytesPerRow: number;
  private rows = 0;
  private page: Uint8Array;

  constructor(readonly widthDots: number) {
    this.bytesPerRow = Math.ceil(widthDots / 8);
    this.page = new Uint8Array(this.bytesPerRow * 256);
  }

  /**
   * ORs a row-major 1-bit image (rowBytes per row) onto the page at (left, top), each source
   * dot becoming sx x sy dots; dots at or right of `right` are clipped.
   */
  drawRaster(data: Uint8Array, rowBytes: number, width: number, height: number, left: number, top: number, sx: number, sy: number, right: number): void {
    const topRow = Math.floor(top + 1e-9);
    this.ensureRows(topRow + height * sy);
    for (let row = 0; row < height; row += 1) {
      const rowStart = row * rowBytes;
      for (let xb = 0; xb < rowBytes; xb += 1) {
        const byte = data[rowStart + xb] ?? 0;
        if (byte === 0) continue;
        for (let bit = 0; bit < 8; bit += 1) {
          if ((byte & (0x80 >> bit)) === 0) continue;
          const sxIndex = xb * 8 + bit;
          if (sxIndex >= width) break;
          for (let dy = 0; dy < sy; dy += 1) {
            for (let dx = 0; dx < sx; dx += 1) {
              const px = left + sxIndex * sx + dx;
              if (px < right) this.plot(px, topRow + row * sy + dy);
            }
          }
          this.inked = true;
        }
      }
    }
  }

  /** Draws a column-format image (ESC *): each column `dotsPerColumn` tall, MSB at the top, sx dots wide. */
  drawColumns(data: Uint8Array, columns: number, dotsPerColumn: number, left: number, top: number, sx: number, right: number): void {
    const bytesPerColumn = dotsPerColumn / 8;
    const topRow = Math.floor(top + 1e-9);
    this.ensureRows(topRow + dotsPerColumn);
    for (let column = 0; column < columns; column += 1) {
      for (let b = 0; b < bytesPerColumn; b += 1) {
        const byte = data[column * bytesPerColumn + b] ?? 0;
        if (byte === 0) continue;
        for (let bit = 0; bit < 8; bit += 1) {
          if ((byte & (0x80 >> bit)) === 0) continue;
          for (let dx = 0; dx < sx; dx += 1) {
            const px = left + column * sx + dx;
            if (px < right) this.plot(px, topRow + b * 8 + bit);
          }
          this.inked = true;
        }
      }
    }
  }

  /** The page cut at `height` rows; the canvas is blank again afterwards. */
  take(height: number): MonoBitmap {
    const bitmap = createMonoBitmap(this.widthDots, height);
    bitmap.data.set(this.page.subarray(0, Math.min(this.rows, height) * this.bytesPerRow));
    this.clear();
    return bitmap;
  }

  /** Drops whatever is on the page (it left with the old roll). */
  clear(): void {
    this.page.fill(0);
    this.rows = 0;
    this.inked = false;
  }

  private ensureRows(rows: number): void {
    if (rows <= this.rows) return;
    const needed = rows * this.bytesPerRow;
    if (needed > this.page.length) {
      let size = this.page.length;
      while (size < needed) size *= 2;
      const next = new Uint8Array(size);
      next.set(this.page.subarray(0, this.rows * this.bytesPerRow));
      this.page = next;
    }
    this.rows = rows;
  }

  private plot(px: number, py: number): void {
    const index = py * this.bytesPerRow + (px >> 3);
    this.page[index] = (this.page[index] ?? 0) | (0x80 >> (px & 7));
  }
}

import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { KioskError } from '../../src/core/errors.ts';
import { createMonoBitmap, getDot, setDot, type MonoBitmap } from './bitmap.ts';

/** Printed pages as PNG files: 8-bit grayscale, black dots 0, paper 255. */

const PAGE_NAME = /^page-(\d{4,})\.png$/;
/** A page, or a page being written: what page retention deletes (nothing else in the folder). */
export const PAGE_FILE = /^\.?page-\d{4,}\.png(\.partial)?$/;

export function pageFileName(sequence: number): string {
  return `page-${String(sequence).padStart(4, '0')}.png`;
}

/** The highest page number already in the folder (0 when none): new pages continue after it. */
export function lastPageNumber(dir: string): number {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  let max = 0;
  for (const name of names) {
    const match = PAGE_NAME.exec(name);
    if (match?.[1] !== undefined) max = Math.max(max, Number(match[1]));
  }
  return max;
}

export function encodePagePng(page: MonoBitmap): Buffer {
  const png = new PNG({ width: page.width, height: page.height, colorType: 0, inputColorType: 0, inputHasAlpha: false, bitDepth: 8 });
  const gray = Buffer.alloc(page.width * page.height, 255);
  for (let y = 0; y < page.height; y += 1) {
    const rowStart = y * page.bytesPerRow;
    for (let xb = 0; xb < page.bytesPerRow; xb += 1) {
      const byte = page.data[rowStart + xb] ?? 0;
      if (byte === 0) continue;
      for (let bit = 0; bit < 8; bit += 1) {
        const x = xb * 8 + bit;
        if (x < page.width && (byte & (0x80 >> bit)) !== 0) gray[y * page.width + x] = 0;
      }
    }
  }
  png.data = gray;
  return PNG.sync.write(png, { colorType: 0, inputColorType: 0, inputHasAlpha: false, bitDepth: 8, deflateLevel: 6 });
}

/**
 * Writes the page as `page-NNNN.png` in dir (created if missing, not its parents); returns the path. The file
 * appears whole (written under a temporary name, then renamed), so watchers never see half a PNG.
 * A printed page is a resident's document: the folder is 0700 and the page 0600.
 */
export function writePagePng(page: MonoBitmap, dir: string, sequence: number): string {
  try {
    // Only the page folder itself (its parent must exist): a recursive mkdir spins forever under /proc.
    if (!existsSync(dir)) mkdirSync(dir, { mode: 0o700 });
    const path = join(dir, pageFileName(sequence));
    const partial = join(dir, `.${pageFileName(sequence)}.partial`);
    writeFileSync(partial, encodePagePng(page), { mode: 0o600 });
    renameSync(partial, path);
    return path;
  } catch (cause) {
    throw new KioskError('PRINTER_ERROR', `The emulator cannot write page ${sequence} into ${dir}.`, {
      hint: 'Check that the folder exists, is writable and the disk is not full.',
      cause,
    });
  }
}

/** Reads a page PNG back as 1-bit (dark pixels, luma < 128, are dots). */
export function readPagePng(path: string): MonoBitmap {
  const png = PNG.sync.read(readFileSync(path));
  const page = createMonoBitmap(png.width, png.height);
  for (let y = 0; y < png.height; y += 1) {
    for (let x = 0; x < png.width; x += 1) {
      const i = (y * png.width + x) * 4;
      const luma = ((png.data[i] ?? 255) * 299 + (png.data[i + 1] ?? 255) * 587 + (png.data[i + 2] ?? 255) * 114) / 1000;
      if (luma < 128) setDot(page, x, y);
    }
  }
  return page;
}

/** True when both bitmaps have the same size and the same dots. */
export function sameDots(a: MonoBitmap, b: MonoBitmap): boolean {
  if (a.width !== b.width || a.height !== b.height) return false;
  for (let y = 0; y < a.height; y += 1) {
    for (let x = 0; x < a.width; x += 1) if (getDot(a, x, y) !== getDot(b, x, y)) return false;
  }
  return true;
}

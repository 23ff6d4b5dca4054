import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';
import { rasterizePdf, type GrayPage } from './pdf-raster.ts';

/** Helpers for the template tests: poppler and qpdf on a rendered PDF, 1-bit image snapshots. */
const here = dirname(fileURLToPath(import.meta.url));
export const SNAPSHOT_DIR = join(here, '__snapshots__');
const work = mkdtempSync(join(tmpdir(), 'adm-templates-'));

export function pdfFile(pdf: Uint8Array, name: string): string {
  const file = join(work, `${name}.pdf`);
  writeFileSync(file, pdf);
  return file;
}

/** Text as poppler extracts it, in reading layout. */
export function pdfText(pdf: Uint8Array, name: string): string {
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', pdfFile(pdf, name), '-'], { encoding: 'utf8' });
}

/** `qpdf --check`: exit status 0 only for a structurally sound PDF. Returns its report. */
export function qpdfCheck(pdf: Uint8Array, name: string): string {
  return execFileSync('qpdf', ['--check', pdfFile(pdf, name)], { encoding: 'utf8' });
}

/** Page sizes in points as poppler reports them. */
export function pageSizes(pdf: Uint8Array, name: string): [number, number][] {
  const out = execFileSync('pdfinfo', ['-f', '1', '-l', '99', pdfFile(pdf, name)], { encoding: 'utf8' });
  return [...out.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

/** Word boxes from poppler: every glyph run with its page and position. */
export function wordBoxes(pdf: Uint8Array, name: string): { page: number; pageW: number; pageH: number; xMin: number; yMin: number; xMax: number; yMax: number; word: string }[] {
  const html = execFileSync('pdftotext', ['-bbox', pdfFile(pdf, name), '-'], { encoding: 'utf8' });
  const boxes: ReturnType<typeof wordBoxes> = [];
  let page = 0;
  let pageW = 0;
  let pageH = 0;
  for (const line of html.split('\n')) {
    const p = /<page width="([\d.]+)" height="([\d.]+)">/.exec(line);
    if (p !== null) {
      page += 1;
      pageW = Number(p[1]);
      pageH = Number(p[2]);
      continue;
    }
    const w = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)<\/word>/.exec(line);
    if (w !== null) boxes.push({ page, pageW, pageH, xMin: Number(w[1]), yMin: Number(w[2]), xMax: Number(w[3]), yMax: Number(w[4]), word: w[5] ?? '' });
  }
  return boxes;
}

/** Pages at `dpi` as 1-bit (0 or 255) gray, as a thermal head would print them. */
export async function oneBitPages(pdf: Uint8Array, dpi = 203): Promise<GrayPage[]> {
  const pages: GrayPage[] = [];
  for await (const page of rasterizePdf(pdf, dpi)) {
    const gray = new Uint8Array(page.gray.length);
    for (let i = 0; i < gray.length; i += 1) gray[i] = (page.gray[i] ?? 255) < 128 ? 0 : 255;
    pages.push({ ...page, gray });
  }
  return pages;
}

export function grayPng(page: GrayPage): Buffer {
  const png = new PNG({ width: page.width, height: page.height, colorType: 0, inputColorType: 0, bitDepth: 8, inputHasAlpha: false });
  png.data = Buffer.from(page.gray);
  return PNG.sync.write(png, { colorType: 0, inputColorType: 0, bitDepth: 8, inputHasAlpha: false });
}

function readGrayPng(file: string): { width: number; height: number; gray: Uint8Array } {
  const png = PNG.sync.read(readFileSync(file));
  const gray = new Uint8Array(png.width * png.height);
  for (let p = 0; p < gray.length; p += 1) gray[p] = png.data[p * 4] ?? 255;
  return { width: png.width, height: png.height, gray };
}

export interface SnapshotResult {
  readonly updated: boolean;
  /** Share of pixels that differ from the reference, 0..1. */
  readonly diffRatio: number;
}

/**
 * Compares a 1-bit page with `__snapshots__/<name>.png`. With UPDATE_SNAPSHOTS=1, or when
 * the reference does not exist yet, writes it instead.
 */
export function compareSnapshot(page: GrayPage, name: string): SnapshotResult {
  const file = join(SNAPSHOT_DIR, `${name}.png`);
  if (process.env['UPDATE_SNAPSHOTS'] === '1' || !existsSync(file)) {
    mkdirSync(SNAPSHOT_DIR, { recursive: true });
    writeFileSync(file, grayPng(page));
    return { updated: true, diffRatio: 0 };
  }
  const ref = readGrayPng(file);
  if (ref.width !== page.width || ref.height !== page.height) return { updated: false, diffRatio: 1 };
  let diff = 0;
  for (let i = 0; i < ref.gray.length; i += 1) if ((ref.gray[i] ?? 255) < 128 !== (page.gray[i] ?? 255) < 128) diff += 1;
  return { updated: false, diffRatio: diff / ref.gray.length };
}

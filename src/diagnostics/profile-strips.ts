import type { MonoBitmap } from '../../device-drivers/printer/bitmap.ts';
import type { PrinterProfile } from '../../device-drivers/printer/contract.ts';
import { candidateDialects, type RasterDialect } from '../../device-drivers/printer/dialects/index.ts';
import { listProfiles } from '../../device-drivers/printer/profiles.ts';
import { canvasToMono, newCanvas } from './test-page.ts';

/**
 * "Which profile fits": one short labelled strip per raster command this printer could be
 * driven with (`candidateDialects(profile)`: GS v 0, GS ( L, ESC * with and without pieces),
 * each sent in its own command. The strip that prints right (straight diagonal, no gaps
 * between the 24-dot rows, the fine pattern crisp, nothing stretched) names the raster
 * setting, and the shipped profiles that use it.
 */
export interface StripCandidate {
  /** 1-based, printed on the strip. */
  readonly number: number;
  readonly dialect: RasterDialect;
  readonly command: RasterDialect['command'];
  /** ESC * pieces placed with ESC $ (raster.segments). */
  readonly segments: boolean;
  /** The command as printed on the strip. */
  readonly name: string;
  /** Shipped profiles with this printer's geometry that use this raster setting. */
  readonly profiles: readonly string[];
}

/** Rows of one strip: three 24-dot stripes, so gaps between ESC * stripes show. */
export const STRIP_ROWS = 72;
/** White rows between strips. */
export const STRIP_GAP = 24;

export function stripCandidates(profile: PrinterProfile): StripCandidate[] {
  const shipped = listProfiles().filter((p) => p.widthDots === profile.widthDots && p.dpi === profile.dpi);
  return candidateDialects(profile).map((dialect, i) => {
    const segments = dialect.strips !== null;
    return {
      number: i + 1,
      dialect,
      command: dialect.command,
      segments,
      name: dialect.name,
      profiles: shipped.filter((p) => p.raster.command === dialect.command && (dialect.command !== 'esc-star' || p.raster.segments === segments)).map((p) => p.id),
    };
  });
}

/**
 * One strip: the number and command on the left; a 1-dot diagonal across all three stripes,
 * a comb of single-dot columns, a solid block with white islands (ESC $ pieces), and
 * hairlines on the first and last row of every stripe (a gap between stripes breaks them).
 */
export function drawStrip(widthDots: number, candidate: Pick<StripCandidate, 'number' | 'name'>): MonoBitmap {
  const W = widthDots;
  const H = STRIP_ROWS;
  const ctx = newCanvas(W, H);
  ctx.font = ctx.font.replace(/^\d+px/, '20px');
  const label = `${candidate.number}: ${candidate.name}`;
  ctx.fillText(label, 4, 4);
  const textEnd = Math.min(W - 8, Math.ceil(ctx.measureText(label).width) + 12);
  const left = Math.min(textEnd, Math.floor(W / 2));
  // Hairlines at each stripe's first and last rows, right of the label.
  for (const y of [0, 23, 24, 47, 48, 71]) ctx.fillRect(left, y, W - left, 1);
  // Diagonal across the whole strip.
  const span = Math.max(1, Math.floor((W - left) / 3));
  for (let y = 0; y < H; y += 1) ctx.fillRect(left + Math.floor((y * span) / H), y, 1, 1);
  // Comb of single-dot columns (alternate dots): stretching or resolution loss blurs it.
  const combLeft = left + span + 8;
  for (let x = combLeft; x < combLeft + 64 && x < W; x += 2) ctx.fillRect(x, 4, 1, H - 8);
  // Solid block with white islands in the middle.
  const blockLeft = combLeft + 80;
  if (blockLeft + 96 < W) {
    ctx.fillRect(blockLeft, 8, 96, H - 16);
    ctx.fillStyle = '#fff';
    ctx.fillRect(blockLeft + 24, 20, 16, H - 40);
    ctx.fillRect(blockLeft + 56, 20, 16, H - 40);
    ctx.fillStyle = '#000';
  }
  // What to do with it, under the label.
  ctx.font = ctx.font.replace(/^\d+px/, '14px');
  ctx.fillText('pick the strip that prints right', 4, H - 20);
  return canvasToMono(ctx, W, H);
}

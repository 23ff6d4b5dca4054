import { KioskError } from '../../../src/core/errors.ts';
import type { MonoBitmap } from '../bitmap.ts';
import type { RasterCommand } from '../profile-schema.ts';

/**
 * A raster dialect: one raster command (GS v 0, GS ( L / GS 8 L, ESC *) bound to a profile.
 * It owns everything that differs between the commands: the bytes of a band (and, for ESC *,
 * of a segmented strip), their byte-cost model, the floor no layout can go below, and the
 * capabilities the band planner needs (tallest band, cropping, segments). The planner and the
 * encoder ask the dialect; nothing else switches on `profile.raster.command`.
 */

/** One ESC * image piece of a strip: `width` dot columns starting at page column `x`. */
export interface StripPiece {
  readonly x: number;
  readonly width: number;
}

/** Exact wire bytes of the commands of a band layout (checked against the dialect's output). */
export interface BandCosts {
  /** One raster band `height` rows tall and `widthBytes` bytes wide (header + data). */
  readonly band: (height: number, widthBytes: number) => number;
  /** Setting left margin and print area width before a cropped band (GS L + GS W: 8). */
  readonly crop: number;
  /** The feed commands for `dots` dots (ESC J, split above 255 motion units). */
  readonly feed: (dots: number) => number;
}

/** Exact wire bytes of the commands of a segmented strip layout (ESC * pieces placed with ESC $). */
export interface StripCosts {
  /** ESC * stripe height. */
  readonly stripe: 8 | 24;
  /** Image bytes per dot column (stripe / 8). */
  readonly bytesPerColumn: number;
  /** ESC $ nL nH, left out where the print position already is. */
  readonly positionHeader: number;
  /** ESC * m nL nH. */
  readonly imageHeader: number;
  /** What ends a full-height strip: LF after ESC 3 set the line spacing to the stripe. */
  readonly stripEnd: number;
  /** The feed commands for `dots` dots (a strip shorter than the stripe ends with ESC J; blank runs). */
  readonly feed: (dots: number) => number;
}

export interface RasterDialect {
  readonly command: RasterCommand;
  /** The command as a technician reads it, e.g. "GS v 0". */
  readonly name: string;
  /** Tallest band sent in one command: the profile's limit, capped by what the command can carry. */
  readonly maxBandHeight: number;
  /** Bands may be cropped to their inked bytes with GS L / GS W (the profile's cropBands; segmented strips skip white by pieces instead). */
  readonly cropsBands: boolean;
  readonly costs: BandCosts;
  /**
   * Segments: pages go out as segmented strips (ESC * pieces placed with ESC $) instead of
   * bands, at these costs; null when the dialect sends bands (every command but ESC * with
   * the profile's raster.segments).
   */
  readonly strips: StripCosts | null;
  /**
   * One band. The print position is at the band's top left (the left margin) before, and
   * just below the band after. PRINTER_ERROR when the band does not fit what the command or
   * the model can carry.
   */
  band(band: MonoBitmap): Uint8Array;
  /**
   * One segmented strip of `page` (only when `strips` is not null): page rows top..top+rows-1 as the
   * given pieces, then the paper fed by `rows` (LF when `lineFeed` and the strip is full height).
   */
  strip(page: MonoBitmap, top: number, rows: number, pieces: readonly StripPiece[], lineFeed: boolean): Uint8Array;
  /** Bytes a page needs after ESC @ before its first image (ESC 3 for strips ended by LF); empty when none. */
  pageSetup(hasStrips: boolean): Uint8Array;
  /** The least image data any layout in this dialect could send for the page (all commands free). */
  floorBytes(page: MonoBitmap): number;
}

export function tooBig(name: string, band: MonoBitmap, why: string): KioskError {
  return new KioskError('PRINTER_ERROR', `A ${band.width}x${band.height} dot band cannot be sent with ${name}: ${why}.`, {
    hint: 'Lower raster.maxBandHeight in the printer profile or choose another raster command.',
  });
}

/** A band must have dots, data matching its size, and be no taller than the dialect allows. */
export function checkBand(band: MonoBitmap, name: string, maxBandHeight: number): void {
  if (band.width < 1 || band.height < 1) throw tooBig(name, band, 'a band needs at least one dot each way');
  if (band.bytesPerRow !== Math.ceil(band.width / 8) || band.data.length < band.bytesPerRow * band.height) {
    throw new KioskError('INTERNAL', `ESC/POS encoder: the band's data does not match its ${band.width}x${band.height} size.`, {
      hint: 'This is a bug in the print pipeline; report it with the document type.',
    });
  }
  if (band.height > maxBandHeight) throw tooBig(name, band, `this printer takes at most ${maxBandHeight} rows per band`);
}

/** Band rows as the printer wants them: exactly bytesPerRow * height bytes. */
export function bandRows(band: MonoBitmap): Uint8Array {
  const size = band.bytesPerRow * band.height;
  return band.data.length === size ? band.data : band.data.subarray(0, size);
}

/** ESC J cost: 3 bytes per 255 motion units. */
export function feedCost(unitsPerDot: number): (dots: number) => number {
  return (dots) => 3 * Math.ceil((dots * unitsPerDot) / 255);
}

export function noStrips(name: string): RasterDialect['strip'] {
  return () => {
    throw new KioskError('INTERNAL', `ESC/POS encoder: ${name} has no segmented strips (only ESC * with raster.segments).`, {
      hint: 'This is a bug in the print pipeline; report it with the printer profile.',
    });
  };
}

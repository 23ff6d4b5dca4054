import type { MonoBitmap } from './bitmap.ts';
import { dialectFor, type RasterDialect, type StripPiece } from './dialects/index.ts';
import { clearBuffers, cut, feedDots, initialize, setLeftMarginDots, setLineSpacingDots, setPrintAreaWidthDots, statusRequest } from './escpos-commands.ts';
import type { PrinterProfile } from './profile-schema.ts';

/**
 * The ESC/POS encoder bound to one profile: the plain commands with the profile's motion units
 * and cut feed, and its raster dialect for images. Byte builders themselves are in
 * escpos-commands.ts (plain commands) and dialects/ (raster images).
 */
export * from './escpos-commands.ts';
export type { StripPiece } from './dialects/index.ts';

export interface ProfileEncoder {
  readonly profile: PrinterProfile;
  /** The profile's raster command: band and strip bytes, their costs, the planner's limits. */
  readonly dialect: RasterDialect;
  initialize(): Uint8Array;
  /** ESC J in the profile's motion units. */
  feedDots(dots: number): Uint8Array;
  /** GS V function B with the profile's cut feed. */
  cut(partial?: boolean): Uint8Array;
  setLeftMarginDots(dots: number): Uint8Array;
  setPrintAreaWidthDots(dots: number): Uint8Array;
  /** One band in the profile's dialect. */
  rasterBand(band: MonoBitmap): Uint8Array;
  statusRequest(n: 1 | 2 | 3 | 4): Uint8Array;
  /** ESC 3 with the profile's motion units. */
  setLineSpacingDots(dots: number): Uint8Array;
  /** One segmented strip (dialects with strips only). */
  rasterStrip(page: MonoBitmap, top: number, rows: number, pieces: readonly StripPiece[], lineFeed?: boolean): Uint8Array;
  /** DLE DC4 fn=8 (send only when the profile's bufferClear is 'dle-dc4-8'). */
  clearBuffers(): Uint8Array;
}

export function encoderFor(profile: PrinterProfile): ProfileEncoder {
  const unitsPerDot = profile.verticalUnitsPerDot;
  const dialect = dialectFor(profile);
  return {
    profile,
    dialect,
    initialize,
    feedDots: (dots) => feedDots(dots, unitsPerDot),
    cut: (partial = false) => cut(partial, Math.min(255, profile.cutFeedDots * unitsPerDot)),
    setLeftMarginDots,
    setPrintAreaWidthDots,
    rasterBand: (band) => dialect.band(band),
    statusRequest,
    setLineSpacingDots: (dots) => setLineSpacingDots(dots, unitsPerDot),
    rasterStrip: (page, top, rows, pieces, lineFeed = false) => dialect.strip(page, top, rows, pieces, lineFeed),
    clearBuffers,
  };
}

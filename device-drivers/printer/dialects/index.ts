import { printerProfileSchema, RASTER_COMMANDS, type PrinterProfile, type RasterCommand } from '../profile-schema.ts';
import type { RasterDialect } from './dialect.ts';
import { escStarDialect } from './esc-star.ts';
import { gsLDialect } from './gs-l.ts';
import { gsV0Dialect } from './gs-v-0.ts';

export type { BandCosts, RasterDialect, StripCosts, StripPiece } from './dialect.ts';
export { columnFloorBytes, rowFloorBytes } from './floors.ts';
export { gsV0Band } from './gs-v-0.ts';
export { gsLBand, PRINT_STORED_GRAPHICS, GS_PAREN_L_HEADER_PARAMS, GS_PAREN_L_MAX_PARAMS } from './gs-l.ts';
export { escStarBand, escStarStrip } from './esc-star.ts';

/** One dialect per raster command. */
const DIALECTS: Readonly<Record<RasterCommand, (profile: PrinterProfile) => RasterDialect>> = {
  'gs-v-0': gsV0Dialect,
  'gs-8-l': gsLDialect,
  'esc-star': escStarDialect,
};

/** The profile's raster dialect. */
export function dialectFor(profile: PrinterProfile): RasterDialect {
  return DIALECTS[profile.raster.command](profile);
}

/**
 * Every raster command on this profile's geometry, each as its own dialect (ESC * with and
 * without segments): for a technician's test strip in each command, to find the one that
 * prints right on a printer. Segments are only offered with ESC *.
 */
export function candidateDialects(profile: PrinterProfile): RasterDialect[] {
  const out: RasterDialect[] = [];
  for (const command of RASTER_COMMANDS) {
    // ESC * bands are whole stripes tall: the band limit rounded down to a stripe multiple.
    const stripe = profile.escStarDots;
    const maxBandHeight = command === 'esc-star' ? Math.max(stripe, profile.raster.maxBandHeight - (profile.raster.maxBandHeight % stripe)) : profile.raster.maxBandHeight;
    for (const segments of command === 'esc-star' ? [false, true] : [false]) {
      const variant = printerProfileSchema.parse({ ...profile, raster: { command, maxBandHeight, segments } });
      out.push(DIALECTS[command](variant));
    }
  }
  return out;
}

import type { MonoBitmap } from '../bitmap.ts';
import { concat, U16_MAX, u16 } from '../escpos-commands.ts';
import type { PrinterProfile } from '../profile-schema.ts';
import { bandRows, checkBand, feedCost, noStrips, tooBig, type RasterDialect } from './dialect.ts';
import { rowFloorBytes } from './floors.ts';

const NAME = 'GS ( L / GS 8 L';
/** Largest parameter block GS ( L can announce (pL pH is 16 bits). */
export const GS_PAREN_L_MAX_PARAMS = 0xffff;
/** GS ( L / GS 8 L fn 112 carries 10 parameter bytes before the image data. */
export const GS_PAREN_L_HEADER_PARAMS = 10;
/** GS 8 L announces its parameter length in 4 bytes. */
const U32_MAX = 0xffffffff;

/** GS ( L pL pH 30 32: print the graphics stored in the print buffer. */
export const PRINT_STORED_GRAPHICS: Uint8Array = Uint8Array.of(0x1d, 0x28, 0x4c, 2, 0, 0x30, 0x32);


/** fn 112 parameters after the length: m fn a bx by c xL xH yL yH (x and y in dots). */
function fn112Params(band: MonoBitmap): number[] {
  return [0x30, 0x70, 0x30, 1, 1, 0x31, ...u16(band.width), ...u16(band.height)];
}

/**
 * Store raster graphics (fn 112) then print them (fn 50). GS ( L when the parameter block fits
 * its 16-bit length (10 + data <= 65 535), else GS 8 L with its 32-bit length.
 */
export function gsLBand(band: MonoBitmap): Uint8Array {
  if (band.width > U16_MAX || band.height > U16_MAX) throw tooBig(NAME, band, `width and height are limited to ${U16_MAX} dots`);
  const data = bandRows(band);
  const params = GS_PAREN_L_HEADER_PARAMS + data.length;
  let header: Uint8Array;
  if (params <= GS_PAREN_L_MAX_PARAMS) {
    header = Uint8Array.of(0x1d, 0x28, 0x4c, ...u16(params), ...fn112Params(band));
  } else {
    if (params > U32_MAX) throw tooBig(NAME, band, 'the data exceeds the 4-byte length of GS 8 L');
    header = Uint8Array.of(0x1d, 0x38, 0x4c, params & 0xff, (params >>> 8) & 0xff, (params >>> 16) & 0xff, (params >>> 24) & 0xff, ...fn112Params(band));
  }
  return concat([header, data, PRINT_STORED_GRAPHICS]);
}

/** GS ( L fn 112 + fn 50 bands (GS 8 L above 65 535 parameter bytes), cropped where the profile allows. */
export function gsLDialect(profile: PrinterProfile): RasterDialect {
  const maxBandHeight = Math.min(profile.raster.maxBandHeight, U16_MAX);
  return {
    command: 'gs-8-l',
    name: NAME,
    maxBandHeight,
    cropsBands: profile.cropBands,
    costs: {
      // Called for every candidate band of the planner's search, so written with literals:
      // up to 65 525 data bytes (65 535 - 10 parameters) GS ( L pL pH (5) + 10 parameters +
      // fn 50 (7) = 22 bytes around the data; above, GS 8 L p1..p4 (7) + 10 + 7 = 24.
      band: (h, w) => {
        const data = h * w;
        return data + (data <= 65_525 ? 22 : 24);
      },
      crop: 8,
      feed: feedCost(profile.verticalUnitsPerDot),
    },
    strips: null,
    band(band) {
      checkBand(band, NAME, maxBandHeight);
      return gsLBand(band);
    },
    strip: noStrips(NAME),
    pageSetup: () => new Uint8Array(0),
    floorBytes: rowFloorBytes,
  };
}

import type { MonoBitmap } from '../bitmap.ts';
import { concat, U16_MAX, u16 } from '../escpos-commands.ts';
import type { PrinterProfile } from '../profile-schema.ts';
import { bandRows, checkBand, feedCost, noStrips, tooBig, type RasterDialect } from './dialect.ts';
import { rowFloorBytes } from './floors.ts';

const NAME = 'GS v 0';
/** GS v 0 m xL xH yL yH: 8 header bytes. */
const HEADER = 8;

/** GS v 0 m xL xH yL yH d1..dk: x in bytes, y in dots, k = x * y. */
export function gsV0Band(band: MonoBitmap): Uint8Array {
  if (band.bytesPerRow > U16_MAX) throw tooBig(NAME, band, `a row is more than ${U16_MAX} bytes`);
  if (band.height > U16_MAX) throw tooBig(NAME, band, `more than ${U16_MAX} rows`);
  const header = Uint8Array.of(0x1d, 0x76, 0x30, 0, ...u16(band.bytesPerRow), ...u16(band.height));
  return concat([header, bandRows(band)]);
}

/** GS v 0 raster bands, cropped with GS L / GS W where the profile allows. */
export function gsV0Dialect(profile: PrinterProfile): RasterDialect {
  const maxBandHeight = Math.min(profile.raster.maxBandHeight, U16_MAX);
  return {
    command: 'gs-v-0',
    name: NAME,
    maxBandHeight,
    cropsBands: profile.cropBands,
    costs: {
      band: (h, w) => HEADER + h * w,
      crop: 8,
      feed: feedCost(profile.verticalUnitsPerDot),
    },
    strips: null,
    band(band) {
      checkBand(band, NAME, maxBandHeight);
      return gsV0Band(band);
    },
    strip: noStrips(NAME),
    pageSetup: () => new Uint8Array(0),
    floorBytes: rowFloorBytes,
  };
}

import { z } from 'zod';

/**
 * The printer profile as data: this schema is the one definition of its keys, their limits and
 * their defaults. `PrinterProfile` is the schema's output type, so every key is present once a
 * profile has been parsed: nothing else in the code base supplies a default for a profile key.
 * Profiles come from `loadProfile` / `parseProfile` (profiles.ts), tests included.
 */

const idPattern = /^[a-z0-9][a-z0-9-]*$/;

export const RASTER_COMMANDS = ['gs-v-0', 'gs-8-l', 'esc-star'] as const;
export type RasterCommand = (typeof RASTER_COMMANDS)[number];

export const STATUS_COMMANDS = ['dle-eot', 'gs-r', 'none'] as const;
/**
 * How real-time status is asked for:
 * - `dle-eot`: DLE EOT 1, 2 and 4 (real-time: answered even while printing is stopped);
 * - `gs-r`: GS r 1, the paper sensor only, processed in order with the data (a printer stopped
 *   mid-page with a full buffer does not answer it; cover and errors are not reported);
 * - `none`: the printer cannot be asked; status is assumed ready.
 */
export type StatusCommand = (typeof STATUS_COMMANDS)[number];

export const BAUD_RATES = [9600, 19200, 38400, 57600, 115200, 230400, 460800, 921600] as const;

export const printerProfileSchema = z
  .strictObject({
    id: z.string().regex(idPattern, 'lower-case letters, digits and dashes'),
    name: z.string().min(1),
    dpi: z.number().int().min(100).max(600),
    widthDots: z.number().int().min(8).max(4096),
    paperWidthMm: z.number().positive().max(300),
    raster: z
      .strictObject({
        command: z.enum(RASTER_COMMANDS),
        /** Tallest band (in dots) one raster command may carry on this model. */
        maxBandHeight: z.number().int().min(1).max(4095),
        /** Only with `esc-star`: each stripe may be sent as several ESC * pieces placed with ESC $. */
        segments: z.boolean().default(false),
      })
      .readonly(),
    /** Whether left margin / print area commands may be used to send only the inked width. */
    cropBands: z.boolean(),
    cutter: z.boolean(),
    serial: z
      .strictObject({
        baudRate: z.literal(BAUD_RATES),
        flowControl: z.enum(['rtscts', 'xonxoff', 'none']),
      })
      .readonly(),
    /** How often the job may poll real-time status between bands. */
    statusPollIntervalMs: z.number().int().min(50).max(60_000).default(500),
    /** How long to wait for each status answer byte before PRINTER_NOT_RESPONDING. */
    responseTimeoutMs: z.number().int().min(50).max(60_000).default(1000),
    /** What ESC J n counts in: vertical motion units per dot (the KPM216H: 2). */
    verticalUnitsPerDot: z.number().int().min(1).max(8).default(1),
    /** Stripe height of ESC * images: 8 or 24 dots. */
    escStarDots: z.union([z.literal(8), z.literal(24)]).default(24),
    /** Dots fed before a cut (GS V function B). */
    cutFeedDots: z.number().int().min(0).max(255).default(0),
    statusCommand: z.enum(STATUS_COMMANDS).default('dle-eot'),
    /** Real-time buffer clear after a fault: DLE DC4 fn=8, or none. */
    bufferClear: z.enum(['dle-dc4-8', 'none']).default('none'),
  })
  .refine((p) => p.widthDots % 8 === 0, { message: 'must be a multiple of 8', path: ['widthDots'] })
  .refine((p) => !p.raster.segments || p.raster.command === 'esc-star', {
    message: 'segments need raster.command esc-star (pieces are ESC * images placed with ESC $)',
    path: ['raster', 'segments'],
  })
  .refine((p) => p.raster.command !== 'esc-star' || p.raster.maxBandHeight % p.escStarDots === 0 || p.raster.maxBandHeight < p.escStarDots, {
    message: 'must be a multiple of escStarDots for ESC * bands',
    path: ['raster', 'maxBandHeight'],
  })
  .readonly();

/** A validated printer profile: every key present, defaults applied by the schema. */
export type PrinterProfile = z.output<typeof printerProfileSchema>;
/** What a profile file may leave out (the schema's input). */
export type PrinterProfileInput = z.input<typeof printerProfileSchema>;

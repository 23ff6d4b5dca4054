import { z } from 'zod';
import { checkLevelSchema, diagReportSchema } from '../diagnostics/report.ts';
import { defineContract, type ClientOf, type HandlersOf } from './contract-kit.ts';

/**
 * The technician contract: what the diagnostics screen may do, mounted at `/tech` on the
 * loopback server (and over Electron IPC), each call authorized by a live technician staff
 * token (src/host/staff). Never a resident's personal data: the card test returns a masked
 * UID and whether the chip was read, nothing from the chip. Every action is audited.
 * Browser-safe (zod only).
 */
const none = z.object({}).strict();

/** Where the technician contract is mounted on the loopback server. */
export const TECH_PREFIX = '/tech';

export const actionOutcomeSchema = z.object({
  /** What happened, in words. */
  words: z.string(),
  /** Bytes handed to the printer. */
  bytes: z.number().int().min(0),
});

export const stripSchema = z.object({
  number: z.number().int().min(1),
  name: z.string(),
  command: z.enum(['gs-v-0', 'gs-8-l', 'esc-star']),
  segments: z.boolean(),
  /** Shipped profiles with this printer's geometry that use this raster setting. */
  profiles: z.array(z.string()),
});

export const speedResultSchema = actionOutcomeSchema.extend({
  level: checkLevelSchema,
  whatToDo: z.string(),
  seconds: z.number().min(0),
  bytesPerSecond: z.number().min(0),
  baud: z.number().int().nullable(),
  lineBytesPerSecond: z.number().nullable(),
  ratio: z.number().nullable(),
});

export const cardTestSchema = z.object({
  /** `read`: the chip was read; `failed`: a card was there but its chip was not read; `no-card`: none came in time. */
  outcome: z.enum(['read', 'failed', 'no-card']),
  /** The card's UID with all but its first and last byte hidden, e.g. `04**********9A`; null when no card was read. */
  uidMasked: z.string().nullable(),
  words: z.string(),
  code: z.string().optional(),
});

export const techContract = defineContract({
  name: 'adm-tech',
  methods: {
    /** Every check, section by section (reader, printer, registry, system, log). */
    getReport: { input: none, output: diagReportSchema },
    printTestPage: { input: none, output: actionOutcomeSchema },
    /** One labelled strip per raster command the profile's geometry allows ("which profile fits"). */
    printStrips: { input: none, output: actionOutcomeSchema.extend({ strips: z.array(stripSchema) }) },
    feed: { input: z.object({ mm: z.number().int().min(1).max(300) }).strict(), output: actionOutcomeSchema },
    cut: { input: none, output: actionOutcomeSchema },
    speedTest: { input: none, output: speedResultSchema },
    /** Waits up to `seconds` for a card on the reader and says whether its chip was read. */
    cardTest: { input: z.object({ seconds: z.number().int().min(3).max(60) }).strict(), output: cardTestSchema },
    /** Paper (A4 sheets) or card stock was refilled: its count starts again (audited as `refill`, detail `sheets` or `cards`, as the ops screen records it). */
    paperRefilled: { input: z.object({ kind: z.enum(['sheets', 'cards']) }).strict(), output: z.object({ refilledAt: z.string() }) },
  },
  events: {},
});

export type TechContract = typeof techContract;
export type TechApi = ClientOf<TechContract>;
export type TechHandlers = HandlersOf<TechContract>;
export type CardTestResult = z.infer<typeof cardTestSchema>;
export type SpeedTestResult = z.infer<typeof speedResultSchema>;

import { z } from 'zod';
import { defineContract, errorDataSchema, type ClientOf, type HandlersOf } from './contract-kit.ts';

/**
 * The ops contract: what ops staff do on the kiosk screen after signing in with the ops PIN
 * (KioskApi.staffSignIn). Mounted at `/ops` (Electron: IPC `adm-ops:invoke`), each call
 * authorized by a live ops token. Never carries a resident's personal data.
 */
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD');
export const OPS_PREFIX = '/ops';

export const opsRangeSchema = z.object({ from: isoDay, to: isoDay }).strict();

export const paperSchema = z.object({
  /** A4 sheets used since the last sheets refill (pages handed to the printer). */
  sheets: z.number().int().min(0),
  /** Cards used since the last cards refill. */
  cards: z.number().int().min(0),
  sheetsRefilledAt: z.string().nullable(),
  cardsRefilledAt: z.string().nullable(),
});

export const opsOverviewSchema = z.object({
  kioskId: z.string(),
  from: isoDay,
  to: isoDay,
  utcOffsetMinutes: z.number().int(),
  days: z.array(z.object({ day: isoDay, printed: z.record(z.string(), z.number().int()), failures: z.record(z.string(), z.number().int()) })),
  totals: z.object({ jobs: z.number().int(), printed: z.number().int(), failed: z.number().int(), pages: z.number() }),
  failureCodes: z.array(z.string()),
  paper: paperSchema,
});
export type OpsOverview = z.infer<typeof opsOverviewSchema>;

export const driveSchema = z.object({
  /** Where it is mounted, e.g. /media/ops/USB-DUKCAPIL. */
  path: z.string(),
  /** Its label (the mount folder's name). */
  name: z.string(),
  freeBytes: z.number().min(0),
});
export type Drive = z.infer<typeof driveSchema>;

export const exportStatusSchema = z.object({
  state: z.enum(['running', 'done', 'failed']),
  from: isoDay,
  to: isoDay,
  drive: z.string(),
  /** The file's name on the drive (final name; while running it is written under a temporary name). */
  fileName: z.string(),
  rowsWritten: z.number().int().min(0),
  totalRows: z.number().int().min(0),
  /** SHA-256 of the finished file (also written beside it as `<file>.sha256`). */
  sha256: z.string().nullable(),
  error: errorDataSchema.nullable(),
});
export type ExportStatus = z.infer<typeof exportStatusSchema>;

const none = z.object({}).strict();

export const opsContract = defineContract({
  name: 'adm-ops',
  methods: {
    /** Prints per day by document type, failures per day by code, totals, paper since the last refill. */
    getOverview: { input: opsRangeSchema, output: opsOverviewSchema },
    /** Paper was refilled (audited): the count for that kind starts again at zero. */
    refillPaper: { input: z.object({ kind: z.enum(['sheets', 'cards']) }).strict(), output: paperSchema },
    /** Removable drives mounted under /media/<user>/<label> and /run/media/<user>/<label>. */
    listDrives: { input: none, output: z.array(driveSchema) },
    /** Starts writing the range's print log as CSV to a listed drive (one export at a time). */
    startExport: { input: z.object({ from: isoDay, to: isoDay, drive: z.string().min(1).max(4096), bom: z.boolean().default(true) }).strict(), output: exportStatusSchema },
    /** The export under way or the last one finished (null: none yet since the kiosk started). */
    getExport: { input: none, output: exportStatusSchema.nullable() },
  },
  events: {},
});

export type OpsContract = typeof opsContract;
export type OpsApi = ClientOf<OpsContract>;
export type OpsHandlers = HandlersOf<OpsContract>;

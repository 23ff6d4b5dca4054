import { z } from 'zod';

/**
 * What diagnostics says, as plain data: the same report on the technician's screen (through
 * the `/tech` contract) and from `adm-kiosk diag --json`. Browser-safe (zod only).
 *
 * Every check has a level (`ok`, `warn`: works but needs attention soon, `broken`: a resident
 * cannot be served), the situation in words a technician understands, and what to do about it.
 * Facts are small values for the record (profile id, baud, latency); never personal data.
 */
export const CHECK_LEVELS = ['ok', 'warn', 'broken'] as const;
export const checkLevelSchema = z.enum(CHECK_LEVELS);
export type CheckLevel = z.infer<typeof checkLevelSchema>;

export const factValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type FactValue = z.infer<typeof factValueSchema>;

export const checkResultSchema = z.object({
  /** Stable id, e.g. `printer.status`, `reader.connection`. */
  id: z.string(),
  /** What was checked, e.g. "Printer status". */
  label: z.string(),
  level: checkLevelSchema,
  /** What was found, e.g. "out of paper". */
  words: z.string(),
  /** What to do about it; "nothing to do" when ok. */
  whatToDo: z.string(),
  /** The error code behind a warn/broken result, when there is one. */
  code: z.string().optional(),
  facts: z.record(z.string(), factValueSchema).optional(),
  /** Lines to show as they are (the application log's tail, the redacted config). */
  lines: z.array(z.string()).optional(),
});
export type CheckResult = z.infer<typeof checkResultSchema>;

export const SECTION_IDS = ['reader', 'printer', 'registry', 'system', 'log'] as const;
export const sectionIdSchema = z.enum(SECTION_IDS);
export type SectionId = z.infer<typeof sectionIdSchema>;

export const SECTION_TITLES: Readonly<Record<SectionId, string>> = {
  reader: 'Card reader',
  printer: 'Printer',
  registry: 'Registry',
  system: 'System',
  log: 'Logs',
};

export const sectionSchema = z.object({
  id: sectionIdSchema,
  title: z.string(),
  /** The worst level of its checks. */
  level: checkLevelSchema,
  checks: z.array(checkResultSchema),
});
export type DiagSection = z.infer<typeof sectionSchema>;

export const diagReportSchema = z.object({
  kioskId: z.string(),
  version: z.string(),
  /** ISO 8601 UTC. */
  at: z.string(),
  /** The worst level of all sections: `broken` makes `adm-kiosk diag` exit 1. */
  level: checkLevelSchema,
  sections: z.array(sectionSchema),
});
export type DiagReport = z.infer<typeof diagReportSchema>;

const RANK: Readonly<Record<CheckLevel, number>> = { ok: 0, warn: 1, broken: 2 };

export function worstLevel(levels: Iterable<CheckLevel>): CheckLevel {
  let worst: CheckLevel = 'ok';
  for (const level of levels) if (RANK[level] > RANK[worst]) worst = level;
  return worst;
}

export function section(id: SectionId, checks: readonly CheckResult[]): DiagSection {
  return { id, title: SECTION_TITLES[id], level: worstLevel(checks.map((c) => c.level)), checks: [...checks] };
}

export function report(meta: { kioskId: string; version: string; at: string }, sections: readonly DiagSection[]): DiagReport {
  return { ...meta, level: worstLevel(sections.map((s) => s.level)), sections: [...sections] };
}

export const OK_NOTHING_TO_DO = 'Nothing to do.';

import { checkLogs, type LogCheckOptions } from './log-checks.ts';
import { checkPrinter, type PrinterCheckOptions } from './printer-checks.ts';
import { checkDevices, checkReader, type DeviceListOptions, type ReaderCheckOptions } from './reader-checks.ts';
import { checkRegistry, type RegistryCheckOptions } from './registry-checks.ts';
import { report, section, type CheckResult, type DiagReport, type SectionId } from './report.ts';
import { checkSystem, type SystemCheckOptions } from './system-checks.ts';

/**
 * Runs every check, section by section (reader, printer, registry, system, log), the same for
 * the technician's screen and `adm-kiosk diag`. A part that could not be reached or built is
 * given as the checks that say so (`substitute`), so one broken part never hides the others.
 */
export type Part<T> = { readonly check: T } | { readonly substitute: readonly CheckResult[] };

export interface DiagnosticsInput {
  readonly reader: Part<ReaderCheckOptions>;
  /** The USB HID devices and serial ports present (listed in the reader section). */
  readonly devices?: DeviceListOptions;
  readonly printer: Part<PrinterCheckOptions>;
  readonly registry: Part<RegistryCheckOptions>;
  readonly system: SystemCheckOptions;
  readonly log: LogCheckOptions;
  readonly now: () => Date;
}

async function part<T>(value: Part<T>, run: (options: T) => Promise<CheckResult[]>): Promise<CheckResult[]> {
  return 'substitute' in value ? [...value.substitute] : run(value.check);
}

export async function runDiagnostics(input: DiagnosticsInput): Promise<DiagReport> {
  // The printer is asked first and alone (its status questions are serial anyway).
  const printer = await part(input.printer, checkPrinter);
  const [reader, devices, registry] = await Promise.all([part(input.reader, checkReader), checkDevices(input.devices ?? {}), part(input.registry, checkRegistry)]);
  const sections: Record<SectionId, CheckResult[]> = {
    reader: [...reader, ...devices],
    printer,
    registry,
    system: checkSystem(input.system),
    log: checkLogs(input.log),
  };
  return report(
    { kioskId: input.system.kioskId, version: input.system.version, at: input.now().toISOString() },
    (['reader', 'printer', 'registry', 'system', 'log'] as const).map((id) => section(id, sections[id])),
  );
}

/** The report as text for a terminal: one line per check, its level, words and what to do. */
export function formatReport(diag: DiagReport): string {
  const mark = { ok: 'ok    ', warn: 'WARN  ', broken: 'BROKEN' } as const;
  const out: string[] = [`adm-kiosk diag: kiosk ${diag.kioskId}, version ${diag.version}, ${diag.at}: ${diag.level.toUpperCase()}`];
  for (const s of diag.sections) {
    out.push('', `${s.title} [${s.level}]`);
    for (const c of s.checks) {
      out.push(`  ${mark[c.level]} ${c.label}: ${c.words}`);
      if (c.level !== 'ok') out.push(`         what to do: ${c.whatToDo}`);
      if (c.lines !== undefined && c.id !== 'system.config') for (const line of c.lines.slice(-12)) out.push(`         | ${line}`);
    }
  }
  return `${out.join('\n')}\n`;
}

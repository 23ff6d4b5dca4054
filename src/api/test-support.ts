import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { loadProfile } from '../../device-drivers/printer/profiles.ts';
import { openPrinter } from '../../device-drivers/printer/printer-uri.ts';
import type { Printer } from '../../device-drivers/printer/contract.ts';
import { createDemoSigner } from '../../print-templates/signing.ts';
import { ManualClock } from '../core/clock.ts';
import { KioskError } from '../core/errors.ts';
import { createDocumentRenderer } from '../host/document-renderer.ts';
import { loadOrCreateNikKey, PRINT_LOG_FILE, PrintLog } from '../print-log/index.ts';
import type { Registry } from '../records/contract.ts';
import { DemoRegistry, demoStateFilePath, type DemoCitizen, type DemoCitizenDocument } from '../records/demo-registry.ts';
import type { PauseHook, PausePoint, PrintLogPort } from './ports.ts';
import { bindPrintRunner } from './print-runner.ts';
import { PrintTransaction, type TransactionDeps } from './print-transaction.ts';

/**
 * Test support for the print transaction: a real print log (SQLite in a temp folder), the
 * demo registry with its state file, the real templates and the real print pipeline to the
 * ESC/POS emulator (pages as PNGs). Faults are injected where the table needs them: emulator
 * faults through the printer URI, log and registry failures by wrapping the real objects.
 */
export function useTempDirs(): () => string {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(join(tmpdir(), 'adm-tx-'));
    dirs.push(dir);
    return dir;
  };
}

export const CLOCK_START = Date.parse('2026-11-20T03:00:00.000Z');

/** A demo resident holding a print-ready document of the type (KTP-el: two card pages, quick to print). */
export function holderOf(registry: DemoRegistry, type: DemoCitizenDocument['type']): { citizen: DemoCitizen; document: DemoCitizenDocument } {
  for (const citizen of registry.demoCitizens()) {
    const document = citizen.documents.find((d) => d.type === type && d.status === 'ready');
    if (document !== undefined) return { citizen, document };
  }
  throw new Error(`no demo resident holds a print-ready ${type}`);
}

/** A thrown failure of a wrapped method, as a full disk or a dead registry would give. */
export function brokenLog(log: PrintLogPort, fail: readonly (keyof PrintLogPort)[]): PrintLogPort {
  return new Proxy(log, {
    get(target, property) {
      if ((fail as readonly (string | symbol)[]).includes(property)) {
        return () => {
          throw new KioskError('PRINT_LOG_ERROR', `The print log could not be written (${String(property)}): disk full.`);
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

export function brokenRegistry(registry: Registry, fail: Partial<Record<'confirmPrint' | 'releasePrint' | 'findAuthorization' | 'redeemAnswer', true>>): Registry {
  const unavailable = () => new KioskError('REGISTRY_UNAVAILABLE', 'The registry cannot be reached.', { hint: 'Try again later.' });
  return {
    kind: registry.kind,
    lookupResident: (nik, uid) => registry.lookupResident(nik, uid),
    // 'redeemAnswer': the registry redeems, but its answer is lost on the way back.
    redeemPin: async (request) => {
      const authorization = await registry.redeemPin(request);
      if (fail.redeemAnswer === true) throw unavailable();
      return authorization;
    },
    confirmPrint: (id) => (fail.confirmPrint === true ? Promise.reject(unavailable()) : registry.confirmPrint(id)),
    releasePrint: (id, reason) => (fail.releasePrint === true ? Promise.reject(unavailable()) : registry.releasePrint(id, reason)),
    findAuthorization: (requestId) => (fail.findAuthorization === true ? Promise.reject(unavailable()) : registry.findAuthorization(requestId)),
  };
}

/** The printer, except that its status stops answering once `afterBytes` raster bytes were written. */
export function silentAfter(printer: Printer, afterBytes: number): Printer {
  let written = 0;
  return new Proxy(printer, {
    get(target, property) {
      if (property === 'write') {
        return async (bytes: Uint8Array) => {
          await target.write(bytes);
          written += bytes.length;
        };
      }
      if (property === 'status' && written >= afterBytes) {
        return () => Promise.reject(new KioskError('PRINTER_NOT_RESPONDING', 'The printer did not answer the status request DLE EOT 1 within 1000 ms.'));
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** A pause hook that freezes the transaction at `point` forever: the in-process stand-in for kill -9 there. */
export function freezeAt(point: PausePoint): { pause: PauseHook; reached: Promise<void> } {
  let reached: () => void = () => undefined;
  const promise = new Promise<void>((resolve) => (reached = resolve));
  return {
    reached: promise,
    pause: (at) => {
      if (at !== point) return Promise.resolve();
      reached();
      return new Promise<void>(() => undefined);
    },
  };
}

export interface TransactionRig {
  readonly dir: string;
  readonly paperDir: string;
  readonly registry: DemoRegistry;
  readonly log: PrintLog;
  readonly printer: Printer;
  readonly clock: ManualClock;
  readonly reports: string[];
  /** A fresh registry and log on the same folder: what the next start sees. */
  reopen(): { registry: DemoRegistry; log: PrintLog };
  deps(overrides?: Partial<TransactionDeps>): TransactionDeps;
  transaction(request: { nik: string; documentId: string; documentType: DemoCitizenDocument['type'] }, overrides?: Partial<TransactionDeps>): PrintTransaction;
  /** The document's status at the registry (ready: PIN works; redeemed: held open; printed: spent). */
  pinStatus(documentId: string): string | undefined;
  pages(): string[];
  close(): Promise<void>;
}

export async function transactionRig(dir: string, options: { faults?: readonly string[]; waitOnFaultMs?: number; wrapPrinter?: (printer: Printer) => Printer } = {}): Promise<TransactionRig> {
  const clock = new ManualClock(CLOCK_START);
  const registry = new DemoRegistry({ stateFile: demoStateFilePath(dir) });
  const openLog = () => PrintLog.open(join(dir, PRINT_LOG_FILE), { nikKey: loadOrCreateNikKey(dir), clock, kioskId: 'ADM-TEST-01' });
  const log = openLog();
  const paperDir = join(dir, 'paper');
  const query = (options.faults ?? []).map((f) => `fault=${f}`).join('&');
  const printer = openPrinter(`emulator:${paperDir}${query === '' ? '' : `?${query}`}`, loadProfile('generic-a4-203'));
  await printer.open();
  const render = createDocumentRenderer({ signer: createDemoSigner(), clock });
  const print = bindPrintRunner(options.wrapPrinter?.(printer) ?? printer, { waitOnFaultMs: options.waitOnFaultMs ?? 0, faultPollMs: 20, pollEveryBands: 1 });
  const reports: string[] = [];
  const deps = (overrides: Partial<TransactionDeps> = {}): TransactionDeps => ({
    registry,
    log,
    render,
    print,
    printer: printer.describe(),
    report: (context, error) => reports.push(`${context}: ${error instanceof Error ? error.message : JSON.stringify(error)}`),
    ...overrides,
  });
  return {
    dir,
    paperDir,
    registry,
    log,
    printer,
    clock,
    reports,
    reopen: () => ({ registry: new DemoRegistry({ stateFile: demoStateFilePath(dir) }), log: openLog() }),
    deps,
    transaction: (request, overrides) => new PrintTransaction(deps(overrides), request),
    pinStatus: (documentId) => new DemoRegistry({ stateFile: demoStateFilePath(dir) }).demoCitizens().flatMap((c) => c.documents).find((d) => d.id === documentId)?.status,
    pages: () => {
      try {
        return readdirSync(paperDir).filter((f) => f.endsWith('.png'));
      } catch {
        return [];
      }
    },
    close: async () => {
      await printer.close();
      log.close();
    },
  };
}

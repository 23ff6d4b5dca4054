import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../src/core/clock.ts';
import { PrintLog, verifyChain } from '../../src/print-log/index.ts';
import type { Bench } from './harness.ts';
import { BENCH_FROM, BENCH_KEY, BENCH_KIOSK, BENCH_TO, buildBigLog } from './print-log/big-log.ts';

/**
 * The print log at scale (issue 12): a log of ADM_KIOSK_BENCH_JOBS jobs (default 1 000 000,
 * each with its chained event), and beside each number a plain better-sqlite3 baseline of the
 * same work measured in the same run:
 * - export of the whole year as CSV: time and peak RSS of the exporting process (targets:
 *   < 5 s, < 150 MB); baseline: iterate the rows and join them, nothing else;
 * - `log verify`: the whole chain and every job row (target < 3 s); baseline: read the same
 *   rows without hashing;
 * - latency of one lifecycle change with synchronous=FULL (target p99 < 2 ms); baseline: the
 *   same job row inserted and updated and the same event rows inserted, in the same tables of
 *   the same file, one transaction per change, without the chain.
 * The targets assume a machine to itself: read them beside the baselines when the machine is
 * shared (the baseline rows show how fast plain SQLite is here and now).
 */
const ROOT = join(import.meta.dirname, '..', '..');

function percentile(samples: number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

function exportChild(mode: 'kiosk' | 'baseline', file: string, out: string): { rows: number; ms: number; maxRssMb: number } {
  const child = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'test/bench/print-log/export-child.ts'), mode, file, out, BENCH_FROM, BENCH_TO], { cwd: ROOT, encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`export child failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as { rows: number; ms: number; maxRssMb: number };
}

export default function printLogBench(bench: Bench): Promise<void> {
  run(bench);
  return Promise.resolve();
}

function run(bench: Bench): void {
  const jobs = Number(process.env['ADM_KIOSK_BENCH_JOBS'] ?? 1_000_000);
  const dir = mkdtempSync(join(tmpdir(), 'adm-bench-log-'));
  try {
    const built = performance.now();
    const file = buildBigLog(dir, jobs);
    bench.row('log built (bulk, not timed work)', { jobs, chainedRows: jobs, seconds: (performance.now() - built) / 1000, fileMb: statSync(file).size / 1e6 });

    // Export.
    const kiosk = exportChild('kiosk', file, join(dir, 'export.csv'));
    const baseline = exportChild('baseline', file, join(dir, 'baseline.csv'));
    bench.row('export csv (kiosk)', { rows: kiosk.rows, ms: kiosk.ms, peakRssMb: kiosk.maxRssMb, csvMb: statSync(join(dir, 'export.csv')).size / 1e6 });
    bench.row('export csv (plain better-sqlite3)', { rows: baseline.rows, ms: baseline.ms, peakRssMb: baseline.maxRssMb, ratio: kiosk.ms / baseline.ms });
    bench.target('export 1M rows < 5 s', kiosk.ms < 5000, `${(kiosk.ms / 1000).toFixed(2)} s for ${kiosk.rows} rows`);
    bench.target('export peak RSS < 150 MB', kiosk.maxRssMb < 150, `${kiosk.maxRssMb.toFixed(0)} MB`);

    // Verify (what `adm-kiosk log verify` runs).
    const reader = PrintLog.openReadOnly(file, { nikKey: BENCH_KEY });
    const verifyStart = performance.now();
    const report = verifyChain(reader);
    const verifyMs = performance.now() - verifyStart;
    reader.close();
    if (!report.ok) throw new Error(`the bench log does not verify: ${JSON.stringify(report.firstBad)}`);
    const plain = new Database(file, { readonly: true });
    const plainStart = performance.now();
    let read = 0;
    for (const row of plain.prepare("SELECT 'e', id, seq, job_id, at, from_state, to_state, pages_done, bytes_sent, error_code, detail, job_hash, hash FROM print_events UNION ALL SELECT 'a', id, seq, NULL, at, NULL, NULL, NULL, NULL, NULL, detail, NULL, hash FROM audit ORDER BY seq").raw(true).iterate()) read += row === undefined ? 0 : 1;
    for (const row of plain.prepare('SELECT * FROM print_jobs ORDER BY id').raw(true).iterate()) read += row === undefined ? 0 : 1;
    const plainMs = performance.now() - plainStart;
    plain.close();
    bench.row('log verify (kiosk)', { chainRows: report.rows, jobs: report.jobs, ms: verifyMs });
    bench.row('read the same rows (plain)', { rows: read, ms: plainMs, ratio: verifyMs / plainMs });
    bench.target('log verify 1M rows < 3 s', verifyMs < 3000, `${(verifyMs / 1000).toFixed(2)} s`);

    // Lifecycle change latency, synchronous=FULL, on the big log.
    const clock = new ManualClock(Date.parse('2026-01-05T03:00:00.000Z'));
    const log = PrintLog.open(file, { nikKey: BENCH_KEY, clock, kioskId: BENCH_KIOSK });
    if (log.connectionSettings().synchronous !== 2) throw new Error('expected synchronous=FULL');
    const samples: number[] = [];
    const timed = (fn: () => unknown) => {
      const start = process.hrtime.bigint();
      fn();
      samples.push(Number(process.hrtime.bigint() - start) / 1e6);
      clock.advance(1000);
    };
    const printsToMeasure = Number(process.env['ADM_KIOSK_BENCH_PRINTS'] ?? 300);
    for (let i = 0; i < printsToMeasure; i += 1) {
      let id = 0;
      timed(() => (id = log.createIntent({ requestId: `bench-${i}`, documentType: 'kk', documentId: `bench-${i}`, nik: '3201014101900001', printer: 'bench' }).id));
      timed(() => log.markAuthorized(id, `auth-bench-${i}`));
      timed(() => log.markRendering(id));
      timed(() => log.markPrinting(id, { pageCount: 2 }));
      timed(() => log.markFirstByte(id));
      timed(() => log.markProgress(id, { pagesDone: 1, bytesSent: 250_000 }));
      timed(() => log.markPrinted(id));
      timed(() => log.setPinState(id, 'confirmed'));
    }
    log.close();
    const verifyAfter = PrintLog.openReadOnly(file, { nikKey: BENCH_KEY });
    const stillOk = verifyChain(verifyAfter).ok;
    verifyAfter.close();
    // The baseline: the same rows and statements on the same tables (a job row inserted, then
    // updated per change, an event row inserted per change), without the chain's columns,
    // triggers' work or checks. It breaks the chain, so it runs after the check above.
    const db = new Database(file);
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.exec('DROP TRIGGER print_events_no_update; DROP TRIGGER print_events_no_delete;');
    const insertJob = db.prepare(
      `INSERT INTO print_jobs (kiosk_id, document_type, document_id, request_id, nik_masked, nik_hash, state, pin_state, printer, created_at, updated_at)
       VALUES ('B', 'kk', 'd', ?, '320101********01', ?, 'redeeming', 'pending', 'p', ?, ?)`,
    );
    const update = db.prepare("UPDATE print_jobs SET state = ?, pin_state = 'open', authorization_id = 'a', page_count = 2, updated_at = ? WHERE id = ?");
    const insertEvent = db.prepare('INSERT INTO print_events (job_id, at, from_state, to_state, pages_done, bytes_sent) VALUES (?, ?, ?, ?, 0, 0)');
    const create = db.transaction((i: number, at: string) => {
      const id = Number(insertJob.run(`plain-${i}`, 'b'.repeat(64), at, at).lastInsertRowid);
      insertEvent.run(id, at, null, 'redeeming');
      return id;
    });
    const change = db.transaction((id: number, from: string, to: string, at: string) => {
      update.run(to, at, id);
      insertEvent.run(id, at, from, to);
    });
    const baseSamples: number[] = [];
    const timedPlain = (fn: () => unknown) => {
      const start = process.hrtime.bigint();
      fn();
      baseSamples.push(Number(process.hrtime.bigint() - start) / 1e6);
    };
    const steps: [string, string][] = [['redeeming', 'authorized'], ['authorized', 'rendering'], ['rendering', 'printing'], ['printing', 'printing'], ['printing', 'printing'], ['printing', 'printed'], ['printed', 'printed']];
    for (let i = 0; i < printsToMeasure; i += 1) {
      const at = new Date(1_800_000_000_000 + i * 1000).toISOString();
      let id = 0;
      timedPlain(() => (id = create.immediate(i, at)));
      for (const [from, to] of steps) timedPlain(() => change.immediate(id, from, to, at));
    }
    db.close();
    bench.row('lifecycle change (kiosk, chained)', { changes: samples.length, p50ms: percentile(samples, 0.5), p99ms: percentile(samples, 0.99), chainOk: String(stillOk) });
    bench.row('same rows, no chain (plain, FULL)', { changes: baseSamples.length, p50ms: percentile(baseSamples, 0.5), p99ms: percentile(baseSamples, 0.99), ratioP99: percentile(samples, 0.99) / percentile(baseSamples, 0.99) });
    bench.target('lifecycle change p99 < 2 ms (synchronous=FULL)', percentile(samples, 0.99) < 2, `${percentile(samples, 0.99).toFixed(2)} ms`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

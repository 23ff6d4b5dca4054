/**
 * One export in a process of its own, so that its peak RSS is its own: `kiosk` runs the
 * kiosk's export (exportJobs with the CLI's buffered writer); `baseline` does the same work
 * with plain better-sqlite3 (iterate the rows, join them as CSV, no neutralising or local
 * times). Prints JSON: { rows, ms, maxRssMb }.
 */
import Database from 'better-sqlite3';
import { closeSync, openSync, writeSync } from 'node:fs';
import { exportJobs, PrintLog } from '../../../src/print-log/index.ts';

const [mode, file, out, from, to] = process.argv.slice(2) as [string, string, string, string, string];
const fd = openSync(out, 'w');
let pending: string[] = [];
let size = 0;
const write = (chunk: string) => {
  pending.push(chunk);
  size += chunk.length;
  if (size >= 65_536) flush();
};
const flush = () => {
  writeSync(fd, pending.join(''));
  pending = [];
  size = 0;
};
const started = performance.now();
let rows = 0;
if (mode === 'kiosk') {
  const log = PrintLog.openReadOnly(file);
  rows = exportJobs(log, { from, to, format: 'csv', utcOffsetMinutes: 420 }, write);
  log.close();
} else {
  const db = new Database(file, { readonly: true });
  const startIso = new Date(Date.parse(`${from}T00:00:00+07:00`)).toISOString();
  const endIso = new Date(Date.parse(`${to}T00:00:00+07:00`) + 86_400_000).toISOString();
  const statement = db.prepare('SELECT * FROM print_jobs WHERE created_at >= ? AND created_at < ? ORDER BY created_at, id').raw(true);
  for (const row of statement.iterate(startIso, endIso) as IterableIterator<unknown[]>) {
    write(`${row.map((v) => (v === null ? '' : String(v as string | number))).join(',')}\r\n`);
    rows += 1;
  }
  db.close();
}
flush();
closeSync(fd);
process.stdout.write(`${JSON.stringify({ rows, ms: performance.now() - started, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);

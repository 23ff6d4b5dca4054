import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FleetPush } from '../../src/host/fleet/fleet-push.ts';
import { chainRowsAfter } from '../../src/print-log/index.ts';
import { newJob, openLog } from '../../src/print-log/test-support.ts';

/**
 * Fleet push over OTLP/HTTP logs, against a minimal OTLP receiver run as its own process
 * (test/integration/fixtures/otlp-receiver.ts; no OTLP collector installs from npm or Debian
 * here): the collector down for a while, then killed mid-push, then back. Every row arrives,
 * the central side can keep each once by its row id, and only the batch the kill cut off is
 * sent twice (at least once, never lost).
 */
const ROOT = join(import.meta.dirname, '..', '..');
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'adm-fleet-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function receiver(out: string, port = 0, hangOn = 0, run = 1): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test/integration/fixtures/otlp-receiver.ts'), '--out', out, '--port', String(port), '--hang-on', String(hangOn), '--run', String(run)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  cleanups.push(() => child.kill('SIGKILL'));
  const actual = await new Promise<number>((resolve, reject) => {
    let text = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const match = /listening (\d+)/.exec(text);
      if (match !== null) resolve(Number(match[1]));
    });
    child.on('exit', (code) => reject(new Error(`receiver exited ${code}`)));
  });
  return { child, port: actual };
}

function received(out: string): { request: string; 'adm.row_id': string; 'adm.hash': string; 'adm.seq': number }[] {
  if (!existsSync(out)) return [];
  return readFileSync(out, 'utf8')
    .trim()
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as { request: string; 'adm.row_id': string; 'adm.hash': string; 'adm.seq': number });
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400; i += 1) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('fleet push to an OTLP collector', () => {
  it('offline, then killed mid-push, then back: every row arrives, by idempotent row id, only the cut-off batch twice', async () => {
    const dir = tempDir();
    const { log } = openLog(join(dir, 'print-log.sqlite'));
    for (let i = 0; i < 40; i += 1) {
      const job = log.createJob(newJob({ documentId: `doc-${i}`, authorizationId: `auth-${i}` }));
      log.markRendering(job.id);
      log.markPrinting(job.id, { pageCount: 1 });
      log.markPrinted(job.id);
      log.audit({ actor: 'system', action: 'test-row', detail: `row ${i}` });
    }
    const rows = chainRowsAfter(log, 0, 10_000);
    expect(rows).toHaveLength(200);
    const out = join(dir, 'received.ndjson');

    // The collector is down (its port free): nothing is acknowledged, the cursor stays.
    const probe = await receiver(join(dir, 'probe.ndjson'));
    probe.child.kill('SIGKILL');
    await new Promise((resolve) => probe.child.once('exit', resolve));
    const url = `http://127.0.0.1:${probe.port}/v1/logs`;
    const options = { log, dataDir: dir, kioskId: 'ADM-3201-01', version: 'test', url, batchSize: 60, intervalMs: 100, timeoutMs: 3_000, report: () => undefined };
    const first = new FleetPush(options);
    await expect(first.pushBatch()).rejects.toMatchObject({ code: 'FLEET_PUSH_FAILED' });
    expect(first.cursor()).toBe(0);

    // Up, but killed while the second batch is in flight (recorded by it, never answered).
    const hanging = await receiver(out, probe.port, 2);
    const draining = first.drain();
    await until(() => received(out).some((r) => r.request === '1/2'), 'the second batch to reach the collector');
    hanging.child.kill('SIGKILL');
    await expect(draining).rejects.toMatchObject({ code: 'FLEET_PUSH_FAILED' });
    expect(first.cursor()).toBe(60);
    await first.stop();

    // Back up; the kiosk restarted meanwhile (a new pusher reading the persisted cursor).
    await receiver(out, probe.port, 0, 2);
    const second = new FleetPush(options);
    await expect(second.drain()).resolves.toEqual({ sent: 140, cursor: 200 });
    await second.stop();

    const got = received(out);
    const byId = new Map<string, string[]>();
    for (const record of got) byId.set(record['adm.row_id'], [...(byId.get(record['adm.row_id']) ?? []), record['adm.hash']]);
    // Nothing lost: every row of the chain, with its chain hash.
    expect([...byId.keys()].sort()).toEqual(rows.map((row) => `ADM-3201-01:${row.seq}`).sort());
    for (const row of rows) expect(new Set(byId.get(`ADM-3201-01:${row.seq}`))).toEqual(new Set([row.hash]));
    // Sent twice only: the batch the kill cut off (positions 61-120), which was never acknowledged.
    const twice = [...byId].filter(([, hashes]) => hashes.length > 1).map(([id]) => Number(id.split(':')[1]));
    expect(twice.sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, i) => 61 + i));
    // Bounded batches.
    const perRequest = new Map<string, number>();
    for (const record of got) perRequest.set(record.request, (perRequest.get(record.request) ?? 0) + 1);
    expect(Math.max(...perRequest.values())).toBeLessThanOrEqual(60);
    log.close();
  }, 90_000);
});

import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newJob, openLog, TEST_KEY, useTempDir } from '../../print-log/test-support.ts';
import { runCli } from '../main.ts';
import { fakeIo } from '../testing.ts';

const tempDir = useTempDir();

function dataDir(): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'print-log.key'), TEST_KEY, { mode: 0o600 });
  const { log } = openLog(join(dir, 'print-log.sqlite'));
  const job = log.createJob(newJob());
  log.markRendering(job.id);
  log.markPrinting(job.id, { pageCount: 1 });
  log.markPrinted(job.id);
  log.audit({ actor: 'ops', action: 'refill', detail: 'sheets' });
  log.close();
  return dir;
}

describe('adm-kiosk log verify', () => {
  it('says the log is intact (exit 0), and names the first edited row after an edit (exit 1)', async () => {
    const dir = dataDir();
    const io = fakeIo();
    expect(await runCli(['log', 'verify', '--data-dir', dir], io)).toBe(0);
    expect(io.out()).toMatch(/is intact: 5 chained row\(s\) \(events and audit\), 1 job\(s\), head #5 [0-9a-f]{16}…/);

    // Someone turns the printed job into a failed one, as if the paper never came out.
    const db = new Database(join(dir, 'print-log.sqlite'));
    db.prepare("UPDATE print_jobs SET state = 'failed' WHERE id = 1").run();
    db.close();
    const after = fakeIo();
    expect(await runCli(['log', 'verify', '--data-dir', dir], after)).toBe(1);
    expect(after.out()).toContain('does NOT match its hash chain');
    expect(after.out()).toContain('First bad row: print_jobs 1: the job row does not match what its newest event recorded: it was edited.');
    const json = fakeIo();
    expect(await runCli(['log', 'verify', '--json', '--data-dir', dir], json)).toBe(1);
    expect(JSON.parse(json.out())).toMatchObject({ ok: false, firstBad: { table: 'print_jobs', id: 1 } });
  });

  it('refuses without the key file rather than making a new one (exit 1)', async () => {
    const dir = tempDir();
    const { log } = openLog(join(dir, 'print-log.sqlite'));
    log.close();
    const io = fakeIo();
    expect(await runCli(['log', 'verify', '--data-dir', dir], io)).toBe(1);
    expect(io.err()).toMatch(/no print log key/);
  });
});

describe('adm-kiosk log export filters', () => {
  it('--type, --status and --bom; a bad list item is refused by name (exit 2)', async () => {
    const dir = dataDir();
    const { log } = openLog(join(dir, 'print-log.sqlite'));
    log.createJob(newJob({ documentType: 'kia', documentId: 'kia-9', authorizationId: 'a9' }));
    log.close();
    const io = fakeIo();
    expect(await runCli(['log', 'export', '--from', '2024-05-01', '--to', '2024-05-01', '--type', 'kk', '--status', 'printed', '--bom', '--data-dir', dir], io)).toBe(0);
    expect(io.out().startsWith('\ufeffjob_id,')).toBe(true);
    expect(io.out().trim().split('\r\n')).toHaveLength(2);
    const bad = fakeIo();
    expect(await runCli(['log', 'export', '--from', '2024-05-01', '--to', '2024-05-01', '--status', 'printed,lost', '--data-dir', dir], bad)).toBe(2);
    expect(bad.err()).toMatch(/--status: "lost" is not one of redeeming/);
  });
});

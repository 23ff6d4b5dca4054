import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PrintLog } from './print-log.ts';
import { verifyChain } from './verify.ts';
import { newJob, NIK_B, openLog, TEST_KEY, useTempDir } from './test-support.ts';

const tempDir = useTempDir();

/** A log with three jobs (printed, failed, refused), a PIN change and two audit rows, closed. */
function filledLog(): string {
  const file = join(tempDir(), 'print-log.sqlite');
  const { log, clock } = openLog(file);
  const a = log.createIntent({ requestId: 'r1', documentType: 'kk', documentId: 'd1', nik: NIK_B, printer: 'p' });
  log.markAuthorized(a.id, 'auth-1');
  log.markRendering(a.id);
  log.markPrinting(a.id, { pageCount: 2 });
  log.markFirstByte(a.id);
  log.markProgress(a.id, { pagesDone: 1, bytesSent: 100 });
  log.markPrinted(a.id);
  log.setPinState(a.id, 'confirmed');
  clock.advance(60_000);
  log.audit({ actor: 'ops', action: 'sign-in' });
  const b = log.createJob(newJob({ documentType: 'ktp', documentId: 'd2', authorizationId: 'auth-2' }));
  log.markFailed(b.id, { code: 'PRINTER_PAPER_END', message: 'out of paper' }, { pinState: 'released' });
  const c = log.createIntent({ requestId: 'r3', documentType: 'kia', documentId: 'd3', nik: NIK_B, printer: 'p' });
  log.markRefused(c.id, { code: 'PIN_INVALID', message: 'wrong PIN' });
  log.audit({ actor: 'ops', action: 'export', detail: '2024-05-01..2024-05-31, 3 rows' });
  log.close();
  return file;
}

/** The attacker: a separate connection to the file, dropping the append-only triggers first. */
function tamper(file: string, sql: string, ...params: unknown[]): void {
  const db = new Database(file);
  db.pragma('foreign_keys = OFF');
  db.exec('DROP INDEX IF EXISTS print_events_seq; DROP INDEX IF EXISTS audit_seq;');
  db.exec('DROP TRIGGER IF EXISTS print_events_no_update; DROP TRIGGER IF EXISTS print_events_no_delete; DROP TRIGGER IF EXISTS audit_no_update; DROP TRIGGER IF EXISTS audit_no_delete;');
  db.prepare(sql).run(...params);
  db.close();
}

function verify(file: string) {
  const log = PrintLog.openReadOnly(file, { nikKey: TEST_KEY });
  try {
    return verifyChain(log);
  } finally {
    log.close();
  }
}

describe('hash chain: an untouched log verifies', () => {
  it('counts every event and audit row and every job, and reports the head', () => {
    const report = verify(filledLog());
    expect(report).toMatchObject({ ok: true, jobs: 3, rows: 14 });
    expect(report.head).toEqual({ seq: 14, hash: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown });
    expect(report.firstBad).toBeUndefined();
  });

  it('cannot be checked without the key, and a different key finds every row wrong', () => {
    const file = filledLog();
    const keyless = PrintLog.openReadOnly(file);
    expect(() => verifyChain(keyless)).toThrow(/opened without its key/);
    keyless.close();
    const other = PrintLog.openReadOnly(file, { nikKey: Buffer.alloc(32, 9) });
    expect(verifyChain(other)).toMatchObject({ ok: false, firstBad: { table: 'print_events', id: 1 } });
    other.close();
  });

  it('the kiosk refuses to update or delete a chained row itself (triggers)', () => {
    const file = filledLog();
    const db = new Database(file);
    expect(() => db.prepare("UPDATE print_events SET detail = 'x' WHERE id = 2").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit WHERE id = 1').run()).toThrow(/append-only/);
    db.close();
    expect(verify(file).ok).toBe(true);
  });
});

describe('hash chain: an edit by someone with the file is caught, naming the first bad row', () => {
  it('an edited event (its detail changed)', () => {
    const file = filledLog();
    tamper(file, "UPDATE print_events SET error_code = 'PRINTER_OFFLINE' WHERE id = 10");
    // Event 10 is at position 11 (the audit row took position 9): ten rows before it are fine.
    expect(verify(file)).toMatchObject({ ok: false, rows: 10, firstBad: { table: 'print_events', id: 10, reason: expect.stringMatching(/does not match its hash/) as unknown } });
  });

  it('an edited job row (printed turned into failed)', () => {
    const file = filledLog();
    tamper(file, "UPDATE print_jobs SET state = 'failed', pages_done = 0 WHERE id = 1");
    expect(verify(file)).toMatchObject({ ok: false, firstBad: { table: 'print_jobs', id: 1, reason: expect.stringMatching(/edited/) as unknown } });
  });

  it('an edited audit row', () => {
    const file = filledLog();
    tamper(file, "UPDATE audit SET actor = 'technician' WHERE id = 1");
    expect(verify(file)).toMatchObject({ ok: false, firstBad: { table: 'audit', id: 1 } });
  });

  it('a deleted event in the middle', () => {
    const file = filledLog();
    tamper(file, 'DELETE FROM print_events WHERE id = 4');
    expect(verify(file)).toMatchObject({ ok: false, rows: 3, firstBad: { table: 'print_events', id: 5, reason: expect.stringMatching(/1 row\(s\) before this one are missing \(positions 4\)/) as unknown } });
  });

  it('the newest rows deleted', () => {
    const file = filledLog();
    tamper(file, 'DELETE FROM audit WHERE id = 2');
    expect(verify(file)).toMatchObject({ ok: false, rows: 13, firstBad: { table: 'chain_head', reason: expect.stringMatching(/newest 1 row\(s\) were deleted/) as unknown } });
  });

  it('a deleted job row (with foreign keys off, as an attacker would)', () => {
    const file = filledLog();
    tamper(file, 'DELETE FROM print_jobs WHERE id = 2');
    expect(verify(file)).toMatchObject({ ok: false, firstBad: { table: 'print_jobs', id: 2, reason: expect.stringMatching(/missing although event/) as unknown } });
  });

  it('an inserted job row (a print that never happened, or one hidden from a count)', () => {
    const file = filledLog();
    tamper(
      file,
      `INSERT INTO print_jobs (kiosk_id, document_type, document_id, nik_masked, nik_hash, state, pin_state, printer, created_at, updated_at, authorization_id)
       VALUES ('ADM-3201-01', 'kk', 'd9', '320101********01', ?, 'printed', 'confirmed', 'p', '2024-05-01T02:00:00.000Z', '2024-05-01T02:00:00.000Z', 'a9')`,
      'a'.repeat(64),
    );
    expect(verify(file)).toMatchObject({ ok: false, firstBad: { table: 'print_jobs', id: 4, reason: expect.stringMatching(/no event in the chain/) as unknown } });
  });

  it('an inserted event claiming a position already taken', () => {
    const file = filledLog();
    tamper(file, "INSERT INTO print_events (job_id, at, from_state, to_state, pages_done, bytes_sent, seq, hash) VALUES (1, '2024-05-01T02:00:00.500Z', 'printing', 'printing', 0, 0, 3, ?)", 'b'.repeat(64));
    const report = verify(file);
    expect(report.ok).toBe(false);
    expect(report.firstBad?.reason).toMatch(/inserted/);
  });

  it('an inserted audit row at the end, with the head moved along', () => {
    const file = filledLog();
    tamper(file, "INSERT INTO audit (seq, at, actor, action, hash) VALUES (15, '2024-05-01T03:00:00.000Z', 'ops', 'refill', ?)", 'c'.repeat(64));
    tamper(file, 'UPDATE chain_head SET seq = 15, hash = ? WHERE id = 1', 'c'.repeat(64));
    expect(verify(file)).toMatchObject({ ok: false, rows: 14, firstBad: { table: 'audit', id: 3 } });
  });

  it('two events swapped (their positions exchanged)', () => {
    const file = filledLog();
    tamper(file, 'UPDATE print_events SET seq = -1 WHERE id = 2');
    tamper(file, 'UPDATE print_events SET seq = 2 WHERE id = 3');
    tamper(file, 'UPDATE print_events SET seq = 3 WHERE id = 2');
    expect(verify(file)).toMatchObject({ ok: false, rows: 1, firstBad: { table: 'print_events', id: 3 } });
  });

  it('the chain continues after a reopen: new rows link to the old head', () => {
    const file = filledLog();
    const { log } = openLog(file);
    log.audit({ actor: 'technician', action: 'test-print' });
    expect(verifyChain(log)).toMatchObject({ ok: true, rows: 15 });
    log.close();
  });
});

import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KioskError } from '../core/errors.ts';
import { PrintLog } from './print-log.ts';
import { NIK_A, newJob, openLog, useTempDir } from './test-support.ts';

const tempDir = useTempDir();

function thrown(fn: () => unknown): KioskError {
  try {
    fn();
  } catch (error) {
    if (error instanceof KioskError) return error;
    throw error;
  }
  throw new Error('expected a KioskError');
}

describe('PrintLog lifecycle', () => {
  it('moves a job authorized -> rendering -> printing -> printed with progress, timestamps from the clock and one event per transition', () => {
    const { log, clock } = openLog(join(tempDir(), 'print-log.sqlite'));
    const created = log.createJob(newJob());
    expect(created).toMatchObject({
      id: 1,
      kioskId: 'ADM-3201-01',
      documentType: 'kk',
      documentId: 'doc-kk-1',
      authorizationId: 'auth-1',
      nikMasked: '320101********01',
      state: 'authorized',
      pagesDone: 0,
      pageCount: null,
      bytesSent: 0,
      errorCode: null,
      createdAt: '2024-05-01T02:00:00.000Z',
      updatedAt: '2024-05-01T02:00:00.000Z',
    });
    expect(created.nikHash).toMatch(/^[0-9a-f]{64}$/);

    clock.advance(1000);
    expect(log.markRendering(1).state).toBe('rendering');
    clock.advance(1000);
    expect(log.markPrinting(1, { pageCount: 2 })).toMatchObject({ state: 'printing', pageCount: 2, pagesDone: 0 });
    clock.advance(1000);
    expect(log.markProgress(1, { pagesDone: 1, bytesSent: 250_000 })).toMatchObject({ pagesDone: 1, bytesSent: 250_000, updatedAt: '2024-05-01T02:00:03.000Z' });
    clock.advance(1000);
    const printed = log.markPrinted(1);
    expect(printed).toMatchObject({ state: 'printed', pagesDone: 2, pageCount: 2, bytesSent: 250_000, createdAt: '2024-05-01T02:00:00.000Z', updatedAt: '2024-05-01T02:00:04.000Z' });
    expect(log.getJob(1)).toEqual(printed);

    expect(log.getEvents(1).map((event) => [event.from, event.to, event.at])).toEqual([
      [null, 'authorized', '2024-05-01T02:00:00.000Z'],
      ['authorized', 'rendering', '2024-05-01T02:00:01.000Z'],
      ['rendering', 'printing', '2024-05-01T02:00:02.000Z'],
      // Every write to the job row is witnessed by an event (the hash chain needs it): progress too.
      ['printing', 'printing', '2024-05-01T02:00:03.000Z'],
      ['printing', 'printed', '2024-05-01T02:00:04.000Z'],
    ]);
    log.close();
  });

  it('records a failure with the error code and message, and a cancellation with its reason', () => {
    const { log } = openLog(join(tempDir(), 'print-log.sqlite'));
    const a = log.createJob(newJob());
    log.markRendering(a.id);
    log.markPrinting(a.id, { pageCount: 3 });
    log.markProgress(a.id, { pagesDone: 1, bytesSent: 100 });
    expect(log.markFailed(a.id, { code: 'PRINTER_PAPER_END', message: 'The printer is out of paper', hint: 'Load paper.' })).toMatchObject({
      state: 'failed',
      errorCode: 'PRINTER_PAPER_END',
      errorMessage: 'The printer is out of paper',
      pagesDone: 1,
    });
    expect(log.getEvents(a.id).at(-1)).toMatchObject({ from: 'printing', to: 'failed', errorCode: 'PRINTER_PAPER_END', detail: 'Load paper.', pagesDone: 1, bytesSent: 100 });

    const b = log.createJob(newJob({ authorizationId: 'auth-2' }));
    expect(log.markCancelled(b.id, 'resident pressed Batal')).toMatchObject({ state: 'cancelled', errorCode: 'PRINT_CANCELLED', errorMessage: 'resident pressed Batal' });
    log.close();
  });

  it('refuses illegal transitions with PRINT_LOG_ERROR naming both states, and leaves the job as it was', () => {
    const { log } = openLog(join(tempDir(), 'print-log.sqlite'));
    const job = log.createJob(newJob());
    const skip = thrown(() => log.markPrinting(job.id, { pageCount: 1 }));
    expect(skip.code).toBe('PRINT_LOG_ERROR');
    expect(skip.message).toBe('Print job 1 cannot go from authorized to printing.');

    log.markRendering(job.id);
    log.markPrinting(job.id, { pageCount: 1 });
    log.markPrinted(job.id);
    const after = thrown(() => log.markFailed(job.id, { code: 'PRINTER_ERROR', message: 'boom' }));
    expect(after.code).toBe('PRINT_LOG_ERROR');
    expect(after.message).toContain('from printed to failed');
    expect(after.hint).toContain('final');
    expect(thrown(() => log.markCancelled(job.id, 'late')).message).toContain('from printed to cancelled');
    expect(thrown(() => log.markRendering(job.id)).message).toContain('from printed to rendering');
    expect(log.getJob(job.id)).toMatchObject({ state: 'printed', errorCode: null });
    expect(log.getEvents(job.id)).toHaveLength(4);
    log.close();
  });

  it('accepts progress only while printing, never backwards and never past the page count', () => {
    const { log } = openLog(join(tempDir(), 'print-log.sqlite'));
    const job = log.createJob(newJob());
    expect(thrown(() => log.markProgress(job.id, { pagesDone: 0, bytesSent: 10 })).message).toBe('Print job 1 is authorized; progress is only recorded while printing.');
    log.markRendering(job.id);
    log.markPrinting(job.id, { pageCount: 2 });
    log.markProgress(job.id, { pagesDone: 1, bytesSent: 500 });
    expect(thrown(() => log.markProgress(job.id, { pagesDone: 0, bytesSent: 600 })).message).toContain('cannot go back');
    expect(thrown(() => log.markProgress(job.id, { pagesDone: 1, bytesSent: 400 })).message).toContain('cannot go back');
    expect(thrown(() => log.markProgress(job.id, { pagesDone: 3, bytesSent: 900 })).message).toBe('Print job 1 has 2 pages; 3 cannot be done.');
    expect(thrown(() => log.markProgress(job.id, { pagesDone: 1.5, bytesSent: 900 })).code).toBe('PRINT_LOG_ERROR');
    expect(thrown(() => log.markPrinting(job.id, { pageCount: 0 })).code).toBe('PRINT_LOG_ERROR');
    expect(log.getJob(job.id)).toMatchObject({ pagesDone: 1, bytesSent: 500 });
    log.close();
  });

  it('rejects unknown jobs, unknown document types and invalid NIKs without writing anything', () => {
    const { log } = openLog(join(tempDir(), 'print-log.sqlite'));
    expect(log.getJob(42)).toBeUndefined();
    expect(thrown(() => log.markRendering(42)).message).toBe('There is no print job 42 in the log.');
    expect(thrown(() => log.createJob(newJob({ documentType: 'passport' as never }))).code).toBe('PRINT_LOG_ERROR');
    const badNik = thrown(() => log.createJob(newJob({ nik: '3201014101900000' })));
    expect(badNik.code).toBe('NIK_INVALID');
    expect(badNik.message).not.toContain('3201014101900000');
    expect(log.listJobs({ from: '2024-01-01', to: '2024-12-31' })).toEqual([]);
    log.close();
  });

  it('lists jobs of a date range oldest first', () => {
    const { log, clock } = openLog(join(tempDir(), 'print-log.sqlite'));
    log.createJob(newJob({ documentId: 'first' }));
    clock.advance(86_400_000);
    log.createJob(newJob({ documentId: 'second' }));
    expect(log.listJobs({ from: '2024-05-01', to: '2024-05-02' }).map((job) => job.documentId)).toEqual(['first', 'second']);
    expect(log.listJobs({ from: '2024-05-02', to: '2024-05-02' }).map((job) => job.documentId)).toEqual(['second']);
    log.close();
  });
});

describe('PrintLog: the print transaction (schema version 2)', () => {
  it('writes the intent before the redeem, then authorized with the authorization id and the PIN open', () => {
    const { log } = openLog(join(tempDir(), 'print-log.sqlite'));
    const intent = log.createIntent({ requestId: 'req-1', documentType: 'kk', documentId: 'doc-kk-1', nik: NIK_A, printer: 'emulator' });
    expect(intent).toMatchObject({ state: 'redeeming', pinState: 'pending', requestId: 'req-1', authorizationId: null, firstByteAt: null });
    expect(log.findByRequestId('req-1')?.id).toBe(intent.id);
    expect(log.markAuthorized(intent.id, 'AUTH-9')).toMatchObject({ state: 'authorized', pinState: 'open', authorizationId: 'AUTH-9' });
    expect(thrown(() => log.createIntent({ requestId: 'req-1', documentType: 'kk', documentId: 'doc-kk-1', nik: NIK_A, printer: 'emulator' })).code).toBe('PRINT_LOG_ERROR');
    log.close();
  });

  it('records a refused PIN as refused with the registry\'s code; nothing was redeemed', () => {
    const { log } = openLog(join(tempDir(), 'print-log.sqlite'));
    const intent = log.createIntent({ requestId: 'req-2', documentType: 'kk', documentId: 'doc-kk-1', nik: NIK_A, printer: 'emulator' });
    expect(log.markRefused(intent.id, { code: 'PIN_INVALID', message: 'The PIN is not correct. 4 attempts left.' })).toMatchObject({
      state: 'refused',
      pinState: 'not-redeemed',
      errorCode: 'PIN_INVALID',
      authorizationId: null,
    });
    expect(log.listUnsettled()).toEqual([]);
    log.close();
  });

  it('marks the first byte before it leaves, keeps pages handed, and holds the PIN of a job that needs review', () => {
    const { log } = openLog(join(tempDir(), 'print-log.sqlite'));
    const job = log.createJob(newJob());
    log.markRendering(job.id);
    log.markPrinting(job.id, { pageCount: 3 });
    expect(thrown(() => log.markFirstByte(log.createJob(newJob({ authorizationId: 'other' })).id)).message).toContain('only while printing');
    const first = log.markFirstByte(job.id);
    expect(first.firstByteAt).toBe('2024-05-01T02:00:00.000Z');
    expect(log.markFirstByte(job.id).firstByteAt).toBe(first.firstByteAt);
    log.markProgress(job.id, { pagesDone: 1, pagesHanded: 2, bytesSent: 900 });
    const review = log.markNeedsReview(job.id, { code: 'PRINTER_NOT_RESPONDING', message: 'The printer stopped answering on page 3 of 3.' }, { pagesHanded: 2 });
    expect(review).toMatchObject({ state: 'needs-review', pinState: 'held', pagesDone: 1, pagesHanded: 2, errorCode: 'PRINTER_NOT_RESPONDING' });
    expect(thrown(() => log.markPrinted(job.id)).message).toContain('from needs-review to printed');
    log.close();
  });

  it('records the PIN confirmed or released after the job ended, with an event row, and refuses a PIN that comes back to life', () => {
    const { log } = openLog(join(tempDir(), 'print-log.sqlite'));
    const job = log.createJob(newJob());
    log.markRendering(job.id);
    log.markPrinting(job.id, { pageCount: 1 });
    log.markPrinted(job.id);
    expect(log.listUnsettled().map((j) => j.id)).toEqual([job.id]);
    expect(log.setPinState(job.id, 'confirmed')).toMatchObject({ state: 'printed', pinState: 'confirmed', pagesHanded: 1 });
    expect(log.getEvents(job.id).at(-1)).toMatchObject({ from: 'printed', to: 'printed', detail: 'PIN confirmed' });
    expect(log.listUnsettled()).toEqual([]);
    expect(thrown(() => log.setPinState(job.id, 'released')).message).toContain('cannot go from confirmed to released');
    const cancelled = log.markCancelled(log.createJob(newJob({ authorizationId: 'a2' })).id, 'resident left', { pinState: 'released' });
    expect(cancelled).toMatchObject({ state: 'cancelled', pinState: 'released' });
    log.close();
  });

  it('lists the jobs that still need the registry: active ones and those whose PIN is pending or open', () => {
    const file = join(tempDir(), 'print-log.sqlite');
    const first = openLog(file);
    const printing = first.log.createJob(newJob({ authorizationId: 'a1' }));
    first.log.markRendering(printing.id);
    first.log.markPrinting(printing.id, { pageCount: 3 });
    first.log.markProgress(printing.id, { pagesDone: 2, bytesSent: 900_000 });
    const redeeming = first.log.createIntent({ requestId: 'r2', documentType: 'kk', documentId: 'd2', nik: NIK_A, printer: 'p' });
    const authorized = first.log.createJob(newJob({ authorizationId: 'a3' }));
    const released = first.log.createJob(newJob({ authorizationId: 'a4' }));
    first.log.markCancelled(released.id, 'resident left', { pinState: 'released' });
    const openPin = first.log.createJob(newJob({ authorizationId: 'a5' }));
    first.log.markFailed(openPin.id, { code: 'RENDER_FAILED', message: 'no' });
    first.log.close(); // the crash

    const second = openLog(file);
    expect(second.log.listUnsettled().map((job) => [job.id, job.state, job.pinState])).toEqual([
      [printing.id, 'printing', 'open'],
      [redeeming.id, 'redeeming', 'pending'],
      [authorized.id, 'authorized', 'open'],
      [openPin.id, 'failed', 'open'],
    ]);
    second.clock.advance(60_000);
    expect(second.log.markInterrupted(authorized.id, 'the kiosk stopped while the job was authorized', { pinState: 'released' })).toMatchObject({
      state: 'interrupted',
      pinState: 'released',
      updatedAt: '2024-05-01T02:01:00.000Z',
    });
    expect(second.log.getEvents(authorized.id).at(-1)).toMatchObject({ from: 'authorized', to: 'interrupted', detail: 'the kiosk stopped while the job was authorized' });
    second.log.close();
  });

  it('refuses every write once closed, with a message instead of a crash on a closed database', () => {
    const { log } = openLog(join(tempDir(), 'print-log.sqlite'));
    const job = log.createJob(newJob());
    log.close();
    expect(log.closed).toBe(true);
    const error = thrown(() => log.markFailed(job.id, { code: 'PRINTER_PAPER_END', message: 'out of paper' }));
    expect(error.code).toBe('PRINT_LOG_ERROR');
    expect(error.message).toContain('is closed');
  });
});

describe('PrintLog.openReadOnly', () => {
  it('reads an existing log and refuses to write to it', () => {
    const file = join(tempDir(), 'print-log.sqlite');
    const writer = openLog(file);
    writer.log.createJob(newJob());
    const reader = PrintLog.openReadOnly(file);
    expect(reader.readOnly).toBe(true);
    expect(reader.getJob(1)?.nikMasked).toBe('320101********01');
    expect(thrown(() => reader.createJob(newJob({ nik: NIK_A }))).message).toContain('read-only');
    expect(thrown(() => reader.markRendering(1)).code).toBe('PRINT_LOG_ERROR');
    reader.close();
    writer.log.close();
  });

  it('does not create a missing file and says which file is missing', () => {
    const file = join(tempDir(), 'nope.sqlite');
    const error = thrown(() => PrintLog.openReadOnly(file));
    expect(error.code).toBe('PRINT_LOG_ERROR');
    expect(error.message).toContain(file);
    expect(existsSync(file)).toBe(false);
  });

  it('refuses a SQLite file that is not a print log', () => {
    const dir = tempDir();
    const empty = join(dir, 'empty.sqlite');
    new Database(empty).close();
    expect(() => PrintLog.openReadOnly(empty)).toThrow(`${empty} is not a print log`);
  });
});

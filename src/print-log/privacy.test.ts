import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportJobs } from './export.ts';
import { hashNik, scrubText } from './privacy.ts';
import { NIK_A, NIK_B, TEST_KEY, newJob, openLog, useTempDir } from './test-support.ts';

const tempDir = useTempDir();

describe('print log privacy', () => {
  it('never writes the full NIK or the name into the database file, even when a message carries the NIK', () => {
    const file = join(tempDir(), 'print-log.sqlite');
    const name = 'SITI NURHALIZA';
    const { log } = openLog(file);
    for (let i = 0; i < 20; i += 1) {
      const job = log.createJob(newJob({ authorizationId: `auth-${i}`, nik: i % 2 === 0 ? NIK_A : '3201 0141 0190 0001' }));
      log.markRendering(job.id);
      if (i % 3 === 0) log.markFailed(job.id, { code: 'RENDER_FAILED', message: `Template failed for NIK ${NIK_A}`, hint: `Retry ${NIK_B}` });
      else log.markCancelled(job.id, `resident 3201-0141-0190-0001 left`);
    }
    log.close();
    const bytes = Buffer.concat([file, `${file}-wal`].filter(existsSync).map((path) => readFileSync(path)));
    expect(bytes.length).toBeGreaterThan(4096);
    for (const needle of [NIK_A, NIK_B, '3201 0141 0190 0001', '3201-0141-0190-0001', name]) {
      expect(bytes.includes(Buffer.from(needle, 'utf8'))).toBe(false);
      expect(bytes.includes(Buffer.from(needle, 'utf16le'))).toBe(false);
    }
    expect(bytes.includes(Buffer.from('320101********01'))).toBe(true);
  });

  it('hashes a NIK the same way every time for one key, differently for another key, and exports no NIK', () => {
    const { log } = openLog(join(tempDir(), 'print-log.sqlite'));
    const a1 = log.createJob(newJob({ nik: NIK_A }));
    const a2 = log.createJob(newJob({ nik: ` ${NIK_A.slice(0, 8)} ${NIK_A.slice(8)} ` }));
    const b = log.createJob(newJob({ nik: NIK_B }));
    expect(a2.nikHash).toBe(a1.nikHash);
    expect(b.nikHash).not.toBe(a1.nikHash);
    expect(a1.nikHash).toBe(hashNik(NIK_A, TEST_KEY));
    expect(hashNik(NIK_A, Buffer.alloc(32, 8))).not.toBe(a1.nikHash);
    let text = '';
    exportJobs(log, { from: '2024-05-01', to: '2024-05-01', format: 'csv' }, (chunk) => (text += chunk));
    expect(text).not.toContain(NIK_A);
    expect(text).not.toContain(NIK_B);
    log.close();
  });
});

describe('scrubText', () => {
  it('masks 16-digit numbers, grouped or not, and leaves shorter numbers alone', () => {
    expect(scrubText(`NIK ${NIK_A} and 3201.0141.0190.0001 and 320101-4101-90-0001`)).toBe('NIK 320101********01 and 320101********01 and 320101********01');
    expect(scrubText('job 1234 of 123456789012345 bytes')).toBe('job 1234 of 123456789012345 bytes');
    expect(scrubText('x'.repeat(600))).toHaveLength(500);
  });
});

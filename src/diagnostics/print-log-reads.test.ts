import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newJob, openLog, useTempDir } from '../print-log/test-support.ts';
import { countPaper, jobCounts } from './print-log-reads.ts';

const tempDir = useTempDir();

function printed(log: ReturnType<typeof openLog>['log'], type: 'kk' | 'ktp' | 'kia', pages: number, id: string) {
  const job = log.createJob(newJob({ documentType: type, documentId: id, authorizationId: `auth-${id}` }));
  log.markRendering(job.id);
  log.markPrinting(job.id, { pageCount: pages });
  log.markFirstByte(job.id);
  log.markProgress(job.id, { pagesDone: pages, pagesHanded: pages, bytesSent: 1000 });
  return log.markPrinted(job.id);
}

describe('paper counted from the print log', () => {
  it('sheets (A4 pages handed to the printer) and cards (KTP-el/KIA documents) since the refill of each kind', () => {
    const { log, clock } = openLog(join(tempDir(), 'print-log.sqlite'));
    printed(log, 'kk', 2, 'a');
    printed(log, 'ktp', 2, 'b');
    expect(countPaper(log)).toEqual({ sheets: 2, cards: 1, refilledAt: null });
    clock.advance(60_000);
    const refill = log.audit({ actor: 'technician', action: 'refill', detail: 'sheets' });
    clock.advance(60_000);
    printed(log, 'kk', 3, 'c');
    printed(log, 'kia', 2, 'd');
    expect(countPaper(log)).toEqual({ sheets: 3, cards: 2, refilledAt: refill.at });
    clock.advance(60_000);
    log.audit({ actor: 'ops', action: 'refill', detail: 'cards' });
    expect(countPaper(log)).toMatchObject({ sheets: 3, cards: 0 });
    log.close();
  });

  it('counts jobs needing review and jobs still open', () => {
    const { log } = openLog(join(tempDir(), 'print-log.sqlite'));
    const job = log.createJob(newJob());
    log.markRendering(job.id);
    log.markPrinting(job.id, { pageCount: 2 });
    log.markNeedsReview(job.id, { code: 'PRINTER_PAPER_END', message: 'out of paper' }, { pagesHanded: 1 });
    log.createJob(newJob({ documentId: 'd2', authorizationId: 'a2' }));
    expect(jobCounts(log)).toEqual({ open: 1, needsReview: 1 });
    log.close();
  });
});

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../api/test-support.ts';
import { createAppLog } from '../app-log.ts';
import { parseConfig } from '../config.ts';
import { openKiosk } from '../kiosk.ts';

const tempDir = useTempDirs();

describe('Prometheus metrics on loopback', () => {
  it('serves prints, failures, paper since refill, device state and the chain head from the running kiosk', async () => {
    const dataDir = join(tempDir(), 'data');
    const kiosk = await openKiosk({ config: parseConfig({ metrics: { port: 0 } }), dataDir, interactive: false, appLog: createAppLog({ dataDir, echo: false }) });
    try {
      const log = kiosk.printLog;
      const job = log.createJob({ documentType: 'kk', documentId: 'd1', authorizationId: 'a1', nik: '3201014101900001', printer: 'p' });
      log.markRendering(job.id);
      log.markPrinting(job.id, { pageCount: 2 });
      log.markPrinted(job.id);
      const failed = log.createJob({ documentType: 'ktp', documentId: 'd2', authorizationId: 'a2', nik: '3201014101900001', printer: 'p' });
      log.markFailed(failed.id, { code: 'PRINTER_PAPER_END', message: 'out of paper' });
      expect(kiosk.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
      const response = await fetch(kiosk.metricsUrl ?? '');
      expect(response.headers.get('content-type')).toContain('text/plain');
      const text = await response.text();
      expect(text).toContain('adm_kiosk_in_service 1');
      expect(text).toContain('adm_kiosk_part_up{part="printer"} 1');
      expect(text).toContain('adm_kiosk_print_jobs{document_type="kk",state="printed"} 1');
      expect(text).toContain('adm_kiosk_print_failures{code="PRINTER_PAPER_END"} 1');
      expect(text).toContain('adm_kiosk_pages_printed 2');
      expect(text).toContain('adm_kiosk_paper_used_since_refill{kind="sheets"} 2');
      expect(text).toMatch(/adm_kiosk_log_chain_head \d+/);
      expect(text).toContain('adm_kiosk_info{kiosk_id="ADM-DEMO-01"');
      expect(text).not.toMatch(/3201014101900001|\*{8}/);
      kiosk.health.setProblem('printer', { code: 'PRINTER_COVER_OPEN', message: 'cover open' });
      const after = await (await fetch(kiosk.metricsUrl ?? '')).text();
      expect(after).toContain('adm_kiosk_in_service 0');
      expect(after).toContain('adm_kiosk_part_problem{part="printer",code="PRINTER_COVER_OPEN"} 1');
      expect((await fetch((kiosk.metricsUrl ?? '').replace('/metrics', '/other'))).status).toBe(404);
    } finally {
      await kiosk.close();
    }
  });
});

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXPORT_COLUMNS, csvField, exportJobs } from './export.ts';
import type { PrintLog } from './print-log.ts';
import { newJob, openLog, useTempDir } from './test-support.ts';

const tempDir = useTempDir();

/** A strict RFC 4180 reader, to prove the export parses back to what was stored. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"') {
      i += 1;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quote');
        if (text[i] === '"' && text[i + 1] === '"') {
          field += '"';
          i += 2;
        } else if (text[i] === '"') {
          i += 1;
          break;
        } else field += text[i++];
      }
    }
    if (text.startsWith('\r\n', i)) {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
    } else if (text[i] === ',') {
      row.push(field);
      field = '';
      i += 1;
    } else if (text[i] === '"' || text[i] === '\n' || text[i] === '\r') throw new Error(`bare ${JSON.stringify(text[i])} at ${i}`);
    else field += text[i++];
  }
  if (field !== '' || row.length > 0) throw new Error('last line has no CRLF');
  return rows;
}

/** Jobs around the WIB day boundaries of 2024-05-01 .. 2024-05-02 (UTC+7). */
function seed(log: PrintLog, clock: { set(ms: number): void }): void {
  const at = (iso: string, documentId: string) => {
    clock.set(Date.parse(iso));
    return log.createJob(newJob({ documentId, authorizationId: `auth-${documentId}` }));
  };
  at('2024-04-30T16:59:59.999Z', 'before'); // 2024-04-30 23:59:59.999 WIB
  const first = at('2024-04-30T17:00:00.000Z', 'first'); // 2024-05-01 00:00 WIB
  log.markRendering(first.id);
  log.markPrinting(first.id, { pageCount: 2 });
  log.markPrinted(first.id);
  const tricky = at('2024-05-01T05:00:00.000Z', 'akta,"001"');
  log.markFailed(tricky.id, { code: 'PRINTER_ERROR', message: 'Printer said "jam", at band 3,\r\nthen went quiet\nfor good' });
  at('2024-05-02T16:59:59.999Z', 'last'); // 2024-05-02 23:59:59.999 WIB
  at('2024-05-02T17:00:00.000Z', 'after'); // 2024-05-03 00:00 WIB
}

describe('exportJobs', () => {
  it('writes CSV per RFC 4180: header, CRLF, quoting of commas, quotes and newlines, inclusive WIB days', () => {
    const { log, clock } = openLog(join(tempDir(), 'print-log.sqlite'));
    seed(log, clock);
    const chunks: string[] = [];
    const count = exportJobs(log, { from: '2024-05-01', to: '2024-05-02', format: 'csv' }, (chunk) => chunks.push(chunk));
    expect(count).toBe(3);
    expect(chunks).toHaveLength(4); // header + one chunk per row: streamed, not built whole
    const text = chunks.join('');
    expect(text.split('\r\n')[0]).toBe(
      'job_id,created_at,updated_at,kiosk_id,document_type,document_id,state,pages_done,page_count,nik_masked,nik_hash,error_code,error_message,pin_state,pages_handed',
    );
    expect(text).toContain('"akta,""001"""');
    const rows = parseCsv(text);
    expect(rows[0]).toEqual([...EXPORT_COLUMNS]);
    expect(rows.slice(1).map((row) => row[5])).toEqual(['first', 'akta,"001"', 'last']);
    const [, first, tricky, last] = rows;
    expect(first?.slice(0, 11)).toEqual([
      '2',
      // ISO 8601 in the kiosk's time zone (WIB): the calendar day ops asked for.
      '2024-05-01T00:00:00.000+07:00',
      '2024-05-01T00:00:00.000+07:00',
      'ADM-3201-01',
      'kk',
      'first',
      'printed',
      '2',
      '2',
      '320101********01',
      expect.stringMatching(/^[0-9a-f]{64}$/) as unknown,
    ]);
    expect(tricky?.slice(11, 13)).toEqual(['PRINTER_ERROR', 'Printer said "jam", at band 3,\r\nthen went quiet\nfor good']);
    expect(last?.slice(6, 9)).toEqual(['authorized', '0', '']);
    expect(rows.every((row) => row.length === EXPORT_COLUMNS.length)).toBe(true);
    log.close();
  });

  it('writes NDJSON: one JSON object per line with the same columns', () => {
    const { log, clock } = openLog(join(tempDir(), 'print-log.sqlite'));
    seed(log, clock);
    let text = '';
    expect(exportJobs(log, { from: '2024-05-01', to: '2024-05-01', format: 'ndjson' }, (chunk) => (text += chunk))).toBe(2);
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((line) => Object.keys(line))).toEqual([[...EXPORT_COLUMNS], [...EXPORT_COLUMNS]]);
    expect(lines[0]).toMatchObject({ job_id: 2, document_id: 'first', state: 'printed', pages_done: 2, page_count: 2, error_code: null });
    expect(lines[1]).toMatchObject({ document_id: 'akta,"001"', error_message: 'Printer said "jam", at band 3,\r\nthen went quiet\nfor good' });
    log.close();
  });

  it('honours another time zone (WIT, UTC+9) and writes only the header for an empty range', () => {
    const { log, clock } = openLog(join(tempDir(), 'print-log.sqlite'));
    seed(log, clock);
    let text = '';
    // In WIT, 2024-04-30T16:59:59.999Z is already 2024-05-01 01:59.
    exportJobs(log, { from: '2024-05-01', to: '2024-05-01', format: 'ndjson', utcOffsetMinutes: 540 }, (chunk) => (text += chunk));
    expect(text.trimEnd().split('\n').map((line) => (JSON.parse(line) as { document_id: string }).document_id)).toEqual(['before', 'first', 'akta,"001"']);
    let empty = '';
    expect(exportJobs(log, { from: '2023-01-01', to: '2023-01-31', format: 'csv' }, (chunk) => (empty += chunk))).toBe(0);
    expect(empty).toBe(`${EXPORT_COLUMNS.join(',')}\r\n`);
    log.close();
  });
  it('filters by document type and state, and starts with a UTF-8 BOM when asked (spreadsheets then read UTF-8)', () => {
    const { log, clock } = openLog(join(tempDir(), 'print-log.sqlite'));
    seed(log, clock);
    clock.set(Date.parse('2024-05-01T06:00:00.000Z'));
    log.createJob(newJob({ documentType: 'ktp', documentId: 'card', authorizationId: 'auth-card' }));
    let text = '';
    expect(exportJobs(log, { from: '2024-05-01', to: '2024-05-02', format: 'csv', bom: true, documentTypes: ['kk'], states: ['printed', 'failed'] }, (chunk) => (text += chunk))).toBe(2);
    expect(text.startsWith('\ufeffjob_id,')).toBe(true);
    expect(parseCsv(text.slice(1)).slice(1).map((row) => `${row[4]} ${row[6]}`)).toEqual(['kk printed', 'kk failed']);
    let ndjson = '';
    exportJobs(log, { from: '2024-05-01', to: '2024-05-02', format: 'ndjson', bom: true, documentTypes: ['ktp'] }, (chunk) => (ndjson += chunk));
    expect(ndjson.startsWith('{')).toBe(true);
    expect(ndjson.trimEnd().split('\n')).toHaveLength(1);
    log.close();
  });

  it('releases the database when the writer fails halfway, so the log stays usable', () => {
    const { log, clock } = openLog(join(tempDir(), 'print-log.sqlite'));
    seed(log, clock);
    let rows = 0;
    const failing = () => {
      rows += 1;
      if (rows === 3) throw new Error('USB drive removed');
    };
    expect(() => exportJobs(log, { from: '2024-05-01', to: '2024-05-02', format: 'csv' }, failing)).toThrow('USB drive removed');
    expect(log.markRendering(log.createJob(newJob({ authorizationId: 'later' })).id).state).toBe('rendering');
    log.close();
  });
});

describe('csvField', () => {
  it('quotes only when needed and defuses spreadsheet formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField(12)).toBe('12');
    expect(csvField(null)).toBe('');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
  });

  it('defuses formulas behind leading spaces, tabs and newlines, and in full-width or look-alike forms (issue 8)', () => {
    for (const attack of [' =1+1', '  +cmd', '\t=1', '\r\n-2+3', '\u00a0@SUM(A1)', '\u3000=1', '＝1+1', '＋1', '－1', '＠A1', '﹦1', '﹢1', '﹣1', '﹫A1', '−1']) {
      expect(csvField(attack).replace(/^"/, '').startsWith("'"), JSON.stringify(attack)).toBe(true);
    }
    for (const harmless of ['PRINTER_PAPER_END', 'Kertas habis', 'a=b', '3201 = KK', '']) expect(csvField(harmless)).not.toMatch(/^"?'/);
    expect(csvField(-5)).toBe('-5');
  });
});

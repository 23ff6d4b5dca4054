import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseNik } from '../src/core/nik.ts';
import { isKecamatanCode } from '../src/core/wilayah.ts';
import { generateDemoData } from '../src/records/demo/demo-data.ts';
import { templateInputOf } from '../src/records/demo/samples.ts';
import { renderDocument } from './index.ts';
import { createDemoSigner } from './signing.ts';
import { tanggalHurufBesar } from './terbilang.ts';

/**
 * Every document of the demo population, rendered as the kiosk renders it (one process, fonts
 * parsed once), read back with poppler's pdftotext, and checked as a Dukcapil officer would
 * read it. Not a sample: a fault in one family's KK fails here.
 */
const data = generateDemoData();
const signer = createDemoSigner();
const work = mkdtempSync(join(tmpdir(), 'adm-demo-docs-'));

interface Rendered {
  readonly id: string;
  readonly type: string;
  readonly text: string;
  readonly flat: string;
  readonly input: ReturnType<typeof templateInputOf>;
}

async function renderAll(): Promise<Rendered[]> {
  const out: Rendered[] = [];
  for (const doc of data.documents) {
    const input = templateInputOf(data, doc);
    const pdf = await renderDocument(input, { signer, createdAt: new Date('2026-10-31T02:00:00Z') });
    const file = join(work, `${doc.document.id}.pdf`);
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    out.push({ id: doc.document.id, type: doc.document.type, text, flat: text.replace(/\s+/g, ' '), input });
  }
  return out;
}

const rendered = renderAll();
const sexOf = (nik: string) => parseNik(nik).sex;
/** The birth date a NIK encodes, as dd-mm-yy. */
const nikDate = (nik: string) => {
  const info = parseNik(nik);
  return `${String(info.birthDay).padStart(2, '0')}-${String(info.birthMonth).padStart(2, '0')}-${String(info.birthYear2).padStart(2, '0')}`;
};

describe('every document of the demo population, as printed', () => {
  it('renders every one of them', async () => {
    const docs = await rendered;
    expect(docs).toHaveLength(data.documents.length);
    expect(new Set(docs.map((d) => d.type)).size).toBe(5);
  }, 240_000);

  it('names the official once: the full title, its region not repeated, the name in its own case', async () => {
    for (const d of await rendered) {
      const { official, issuedIn } = d.input.document;
      if (d.type === 'ktp') continue; // the KTP-el carries no official
      if (d.type === 'kk' || d.type === 'kia') expect(d.flat, d.id).toContain(official.jabatan);
      const region = official.jabatan.replace('KEPALA DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL ', '');
      const bare = (s: string) => s.replace(/^(KOTA|KABUPATEN|PROVINSI) /, '');
      for (const repeat of [issuedIn, bare(issuedIn), bare(region)]) expect(d.flat, `${d.id}: "${region}" then "${repeat}"`).not.toContain(`${official.jabatan} ${repeat}`);
      expect(d.flat, d.id).toContain(official.nama);
    }
  });

  it('lists on a KK no member whose death date is on or before its issue date', async () => {
    for (const d of (await rendered).filter((x) => x.type === 'kk')) {
      for (const m of d.input.family.members) {
        const dead = m.kematian !== null && m.kematian.tanggalKematian <= d.input.document.issuedAt;
        expect(d.text.includes(m.nik), `${d.id}: ${dead ? 'a deceased member is listed' : 'a living member is missing'}`).toBe(!dead);
      }
    }
  });

  it('writes every date on an akta in upper-case words, one style on the page', async () => {
    for (const d of (await rendered).filter((x) => x.type.startsWith('akta-'))) {
      const subject = d.input.family.members.find((m) => m.nik === d.input.document.subjectNik);
      if (subject === undefined) throw new Error(d.id);
      expect(d.flat, d.id).not.toMatch(/\d{2}-\d{2}-\d{4}|\b\d{1,2}:\d{2}\b/);
      expect(d.flat, d.id).not.toMatch(/\b(Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember|satu|dua|tiga|ribu|puluh|belas)\b/);
      const dates = [d.input.document.issuedAt, subject.tanggalLahir, ...(subject.kematian === null ? [] : [subject.kematian.tanggalKematian])];
      // A long value wraps, and pdftotext may set the English gloss of its line between the halves.
      const values = d.flat.replace(/ (on date|that in|born in|passed away|was born|child number|of father|and mother|This excerpt is issued in)\b/g, '');
      for (const iso of dates) expect(values, `${d.id}: ${iso} in words`).toContain(tanggalHurufBesar(iso));
      expect(d.input.document.issuedAt >= '2020-01-01', `${d.id}: a kutipan with a TTE QR is from 2020 on`).toBe(true);
    }
  });

  it('prints only NIKs and No. KKs whose wilayah prefix is a real kecamatan', async () => {
    for (const d of await rendered) {
      const numbers = d.flat.match(/\b\d{16}\b/g) ?? [];
      expect(numbers.length, d.id).toBeGreaterThan(0);
      for (const n of numbers) expect(isKecamatanCode(n.slice(0, 6)), `${d.id}: ${n.slice(0, 6)}`).toBe(true);
    }
  });

  it('prints each person\'s sex and birth date as their NIK encodes them', async () => {
    let checked = 0;
    for (const d of await rendered) {
      const people = new Map(d.input.family.members.map((m) => [m.nik, m]));
      const rows = d.type === 'kk' ? [...d.text.matchAll(/(\d{16})\s+(LAKI-LAKI|PEREMPUAN)\s+.*?(\d{2})-(\d{2})-\d{2}(\d{2})/g)] : [];
      for (const [, nik, sex, dd, mm, yy] of rows) {
        expect(sex, `${d.id}: sex of ${nik}`).toBe(sexOf(nik!));
        expect(`${dd}-${mm}-${yy}`, `${d.id}: birth date of ${nik}`).toBe(nikDate(nik!));
        expect(people.get(nik!)?.jenisKelamin).toBe(sex);
        checked += 1;
      }
      if (d.type === 'ktp' || d.type === 'kia') {
        const nik = d.input.document.subjectNik;
        const date = /Tempat\/Tgl Lahir\s*:\s*[^\n]*?(\d{2})-(\d{2})-\d{2}(\d{2})/.exec(d.text);
        expect(date, d.id).not.toBeNull();
        expect(`${date?.[1]}-${date?.[2]}-${date?.[3]}`, d.id).toBe(nikDate(nik));
        expect(d.flat, d.id).toContain(sexOf(nik));
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(data.documents.length);
  });
});

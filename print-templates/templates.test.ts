import { describe, expect, it } from 'vitest';
import { DOCUMENT_CATALOGUE, DOCUMENT_TYPES, type DocumentType } from '../src/core/documents.ts';
import { KioskError } from '../src/core/errors.ts';
import type { TemplateInput } from '../src/core/record.ts';
import { ALL_RELIGIONS, FIXTURE_CREATED_AT, fixtureFamily, fixtureInput, longNameFamily, LONG_NAME, missingFieldsFamily, standardFixtures, twelveMemberFamily } from './fixtures.ts';
import { hasTemplate, renderDocument } from './index.ts';
import { kkMembers } from './templates/kk.ts';
import { createDemoSigner } from './signing.ts';
import { compareSnapshot, oneBitPages, pageSizes, pdfText, qpdfCheck, wordBoxes } from './test-support.ts';
import { generateDemoData } from '../src/records/demo/demo-data.ts';
import { largestKk, publicSample } from '../src/records/demo/samples.ts';

/** What the kiosk prints: the demo data's public sample family (as in docs/templates) and its largest KK. */
const demo = generateDemoData();
const sample = publicSample(demo);

const signer = createDemoSigner();
const render = (input: TemplateInput, compress = true) => renderDocument(input, { signer, createdAt: FIXTURE_CREATED_AT, compress });
/** pdftotext -layout may split a long value over lines: compare on collapsed whitespace. */
const flat = (text: string) => text.replace(/\s+/g, ' ');

function expectInsidePages(pdf: Uint8Array, name: string): void {
  const boxes = wordBoxes(pdf, name);
  expect(boxes.length).toBeGreaterThan(20);
  for (const b of boxes) {
    expect(b.xMin, `"${b.word}" starts off the page`).toBeGreaterThanOrEqual(0);
    expect(b.yMin, `"${b.word}" starts off the page`).toBeGreaterThanOrEqual(0);
    expect(b.xMax, `"${b.word}" runs off the page`).toBeLessThanOrEqual(b.pageW);
    expect(b.yMax, `"${b.word}" runs off the page`).toBeLessThanOrEqual(b.pageH);
  }
}

describe('every document type', () => {
  const fixtures = standardFixtures();

  it('has a template', () => {
    for (const type of DOCUMENT_TYPES) expect(hasTemplate(type)).toBe(true);
    expect(hasTemplate('sim')).toBe(false);
  });

  it.each(DOCUMENT_TYPES.map((t) => [t] as [DocumentType]))('%s: valid PDF, exact page size, deterministic bytes, text inside the page', async (type) => {
    const pdf = await render(fixtures[type]);
    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
    expect(qpdfCheck(pdf, type)).toMatch(/No syntax or stream encoding errors found/);
    const [w, h] = DOCUMENT_CATALOGUE[type].pageSize;
    const sizes = pageSizes(pdf, type);
    expect(sizes.length).toBe(typeof DOCUMENT_CATALOGUE[type].pages === 'number' ? DOCUMENT_CATALOGUE[type].pages : sizes.length);
    for (const [pw, ph] of sizes) {
      expect(pw).toBeCloseTo(w, 1);
      expect(ph).toBeCloseTo(h, 1);
    }
    const again = await render(fixtures[type]);
    expect(Buffer.from(again).equals(Buffer.from(pdf))).toBe(true);
    const other = await renderDocument(fixtures[type], { signer, createdAt: new Date('2025-01-01T00:00:00Z') });
    expect(Buffer.from(other).equals(Buffer.from(pdf))).toBe(false);
    expectInsidePages(pdf, `${type}-bbox`);
  });

  it.each(DOCUMENT_TYPES.map((t) => [t] as [DocumentType]))('%s of the demo sample family: matches its 203 dpi 1-bit snapshot', async (type) => {
    const pages = await oneBitPages(await render(sample[type]));
    pages.forEach((page, i) => {
      const result = compareSnapshot(page, `${type}-${i + 1}`);
      expect(result.diffRatio, `page ${i + 1} differs from __snapshots__/${type}-${i + 1}.png (UPDATE_SNAPSHOTS=1 to accept)`).toBeLessThan(0.004);
    });
  });
});

describe('Kartu Keluarga', () => {
  it('prints the header, numbered columns, every member and the footer', async () => {
    const input = fixtureInput('kk');
    const text = flat(pdfText(await render(input), 'kk-text'));
    for (const s of ['KARTU KELUARGA', 'No. 3273011203150005', 'Nama Kepala Keluarga', "MUH. SYAFI'I", 'Desa/Kelurahan', 'CIPAGANTI', 'Kecamatan', 'COBLONG', 'Kabupaten/Kota', 'KOTA BANDUNG', 'Kode Pos', '40131', 'Provinsi', 'JAWA BARAT', '004/007']) {
      expect(text).toContain(s);
    }
    for (let n = 1; n <= 17; n += 1) expect(text).toContain(`(${n})`);
    for (const m of kkMembers(input.family, input.document.issuedAt)) expect(text).toContain(m.nik);
    expect(text).toContain('NI LUH PUTU AYU WIDYASTUTI');
    expect(text).toContain('ṢALĀḤ AL-DĪN');
    expect(text).toContain('Dikeluarkan Tanggal : 17-08-2024');
    expect(text).toContain('KEPALA KELUARGA');
    // The official's title once, with its region once; the name in its own case.
    expect(text.match(/KEPALA DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL KOTA BANDUNG/g)).toHaveLength(1);
    expect(text).not.toMatch(/KOTA BANDUNG\s+KOTA BANDUNG/);
    expect(text).toContain('Dr. H. Andi Pratama Wiraatmadja, S.Sos., M.Si.');
    expect(text).toContain('NIP. 197001011995031001');
    expect(text).toContain('No. KITAP');
    expect(text).not.toContain('KITAS');
    expect(text).toContain('BSrE');
    expect(text, 'a one-page KK has no page numbers').not.toContain('Halaman');
  });

  it('lists only the members alive on its issue date: a KK issued after a death leaves the deceased out', async () => {
    const input = fixtureInput('kk');
    const deceased = input.family.members.find((m) => m.kematian !== null);
    if (deceased?.kematian == null) throw new Error('the fixture family has a deceased member');
    const after = pdfText(await render({ ...input, document: { ...input.document, issuedAt: deceased.kematian.tanggalKematian } }), 'kk-after-death');
    expect(after).not.toContain(deceased.nik);
    const before = pdfText(await render({ ...input, document: { ...input.document, issuedAt: '2024-02-29' } }), 'kk-before-death');
    expect(before).toContain(deceased.nik);
  });

  it('prints a fixed grid of 10 ruled rows per table, whatever the household size', async () => {
    const one = fixtureInput('kk', { ...fixtureFamily(), members: fixtureFamily().members.slice(0, 1), kepalaKeluargaNik: fixtureFamily().members[0]!.nik });
    const [small] = await oneBitPages(await render(one));
    const [full] = await oneBitPages(await render(fixtureInput('kk')));
    // The rows' rules sit at the same heights: compare the left border column of the first table.
    const rules = (page: NonNullable<typeof small>) => {
      const x = Math.round((22 + 1) * (203 / 72));
      const ys: number[] = [];
      for (let y = 0; y < page.height; y += 1) if (page.gray[y * page.width + x + 3] === 0 && page.gray[y * page.width + x + 40] === 0) ys.push(y);
      return ys.length;
    };
    expect(small).toBeDefined();
    expect(rules(full!), "the ruled rows are found").toBeGreaterThan(20);
    expect(rules(small!)).toBe(rules(full!));
  });

  it('continues 12 members on a second page with the header repeated, and prints all religions', async () => {
    const family = twelveMemberFamily();
    const pdf = await render(fixtureInput('kk', family));
    expect(pageSizes(pdf, 'kk12')).toHaveLength(2);
    const text = pdfText(pdf, 'kk12');
    const pages = text.split('\f').filter((p) => p.trim() !== '');
    expect(pages).toHaveLength(2);
    expect(flat(pages[0] ?? '')).toContain('Halaman 1 dari 2');
    expect(flat(pages[1] ?? '')).toContain('Halaman 2 dari 2');
    for (const page of pages) {
      expect(flat(page)).toContain('KARTU KELUARGA');
      expect(flat(page)).toContain('No. 3273011203150005');
      expect(flat(page)).toContain('Nama Lengkap');
    }
    for (const m of family.members) expect(text).toContain(m.nik);
    for (const agama of ALL_RELIGIONS) expect(flat(text)).toContain(agama);
    expect(flat(text)).toContain('X1234567');
    const demoKk = await oneBitPages(await render(largestKk(demo)));
    expect(demoKk).toHaveLength(2);
    expect(compareSnapshot(demoKk[1]!, 'kk-12-members-2').diffRatio, 'the demo 12-member KK\'s second page (UPDATE_SNAPSHOTS=1 to accept)').toBeLessThan(0.004);
    expectInsidePages(pdf, 'kk12-bbox');
  });

  it('prints missing optional fields as "-"', async () => {
    const text = pdfText(await render(fixtureInput('kk', missingFieldsFamily())), 'kk-missing');
    // Paspor, KITAP, both parents, marriage date: five dashes on every member row of table 2 (the living members).
    const rows = text.split('\n').filter((l) => /^\s*\d+\s+(BELUM KAWIN|KAWIN TERCATAT|CERAI MATI)/.test(l));
    const family = missingFieldsFamily();
    expect(rows).toHaveLength(kkMembers(family, fixtureInput('kk', family).document.issuedAt).length);
    for (const row of rows) expect(row.split(/\s+/).filter((w) => w === '-').length).toBeGreaterThanOrEqual(4);
  });
});

describe('long names and diacritics', () => {
  it('kk: a name longer than SIAK\'s 60 characters does not fit the blanko\'s row and is refused, never cut', async () => {
    await expect(render(fixtureInput('kk', longNameFamily()))).rejects.toMatchObject({ code: 'RENDER_FAILED' });
  });

  it.each(DOCUMENT_TYPES.filter((t) => t !== 'kk').map((t) => [t] as [DocumentType]))('%s: 60+ character names keep every word, inside the page', async (type) => {
    const pdf = await render(fixtureInput(type, longNameFamily()));
    expect(qpdfCheck(pdf, `${type}-long`)).toMatch(/No syntax or stream encoding errors found/);
    const text = flat(pdfText(pdf, `${type}-long`));
    const name = type === 'kia' || type === 'akta-kelahiran' ? LONG_NAME.replace('Raden Mas', 'Raden') : type === 'akta-kematian' ? `${LONG_NAME} Sepuh` : type === 'ktp' ? "Ni Luh Putu Ayu Widyastuti Kusumaningrum Dewi Saraswati Anak Agung Ngurah Rai'ya" : LONG_NAME;
    for (const word of name.toLocaleUpperCase('id-ID').split(' ')) expect(text).toContain(word);
    expectInsidePages(pdf, `${type}-long-bbox`);
  });
});

describe('cards', () => {
  it('KTP-el front has every field, SEUMUR HIDUP and the issue place and date', async () => {
    const text = flat(pdfText(await render(fixtureInput('ktp')), 'ktp-text'));
    for (const s of ['PROVINSI JAWA BARAT', 'KOTA BANDUNG', 'NIK', '3273016902880002', 'Nama', 'NI LUH PUTU AYU WIDYASTUTI', 'Tempat/Tgl Lahir', 'DENPASAR, 29-02-1988', 'Jenis Kelamin', 'PEREMPUAN', 'Gol. Darah : O', 'Alamat', 'RT/RW', 'Kel/Desa', 'Kecamatan', 'Agama', 'HINDU', 'Status Perkawinan', 'KAWIN TERCATAT', 'Pekerjaan', 'Kewarganegaraan', 'WNI', 'Berlaku Hingga', 'SEUMUR HIDUP', 'PAS FOTO', '17-08-2024']) {
      expect(text).toContain(s);
    }
  });

  it('KIA shows a photo area at 11 years and none at 3, with the right validity', async () => {
    const older = flat(pdfText(await render(fixtureInput('kia')), 'kia-older'));
    expect(older).toContain('KARTU IDENTITAS ANAK');
    expect(older).toContain('PAS FOTO');
    expect(older).toContain('08-12-2029'); // 17 years less one day
    for (const s of ['No. KK', '3273011203150005', 'Nama Kepala Keluarga', 'No. Akta Kelahiran', '3273-LT-10122012-0042']) expect(older).toContain(s);
    const toddlerNik = fixtureFamily().members.find((m) => m.namaLengkap === 'Aisyah Putri')?.nik;
    const young = flat(pdfText(await render(fixtureInput('kia', fixtureFamily(), toddlerNik)), 'kia-young'));
    expect(young).not.toContain('PAS FOTO');
    expect(young).toContain('03-05-2026'); // fifth birthday
  });
});

describe('akta', () => {
  it('kelahiran writes the dates in words and names the parents', async () => {
    const text = flat(pdfText(await render(fixtureInput('akta-kelahiran')), 'lahir'));
    for (const s of ['Nomor Induk Kependudukan : 3273010912120003', 'KUTIPAN AKTA KELAHIRAN', 'REPUBLIK INDONESIA', 'PENCATATAN SIPIL', 'WARGA NEGARA INDONESIA', '3273-LT-10122012-0042', 'SEMBILAN DESEMBER DUA RIBU DUA BELAS', 'ṢALĀḤ AL-DĪN', 'SATU, LAKI-LAKI', "MUH. SYAFI'I", 'NI LUH PUTU AYU WIDYASTUTI', 'TUJUH BELAS AGUSTUS DUA RIBU DUA PULUH EMPAT', 'PEJABAT PENCATATAN SIPIL', 'Dr. H. Andi Pratama Wiraatmadja, S.Sos., M.Si.', 'NIP. 197001011995031001', 'BSrE']) {
      expect(text).toContain(s);
    }
    // One date style: words in capitals, no numeric date, no lower-case words, no hour line.
    expect(text).not.toMatch(/\d{2}-\d{2}-\d{4}/);
    expect(text).not.toMatch(/sembilan|Desember|\(1\)/);
    expect(text).not.toContain('pukul');
  });

  it('kematian follows the kutipan: number, place, date in words, Tn/Ny/Nn and name, place and date of birth; no reporter', async () => {
    const text = flat(pdfText(await render(fixtureInput('akta-kematian')), 'mati'));
    for (const s of ['KUTIPAN AKTA KEMATIAN', '3273-KM-02032024-0011', 'SATU MARET DUA RIBU DUA PULUH EMPAT', 'Tn. ABDUL KARIM', 'lahir di', 'GARUT', 'SEPULUH JANUARI SERIBU SEMBILAN RATUS LIMA PULUH']) {
      expect(text).toContain(s);
    }
    for (const s of ['23:10', 'pukul', 'dilaporkan', 'pelapor', "MUH. SYAFI'I", '3273011708850001', 'jenis kelamin']) expect(text).not.toContain(s);
    expect(text).not.toMatch(/\d{2}-\d{2}-\d{4}/);
  });

  it('prints missing parents as "-"', async () => {
    const birth = pdfText(await render(fixtureInput('akta-kelahiran', missingFieldsFamily())), 'lahir-missing');
    expect(birth).toMatch(/dari ayah\s+-/);
    expect(birth).toMatch(/dan ibu\s+-/);
  });
});

describe('bad input', () => {
  it('refuses a record that does not validate, naming fields but no values', async () => {
    const input = fixtureInput('kk');
    const broken = { ...input, document: { ...input.document, subjectNik: '123' } };
    await expect(render(broken)).rejects.toMatchObject({ code: 'TEMPLATE_INPUT_INVALID' });
    await expect(render(broken)).rejects.not.toThrow(/123/);
  });

  it('refuses an akta kematian for someone with no death registration', async () => {
    const input = fixtureInput('akta-kematian');
    const alive = { ...input, document: { ...input.document, subjectNik: input.family.kepalaKeluargaNik } };
    await expect(render(alive)).rejects.toBeInstanceOf(KioskError);
  });
});

import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { DOCUMENT_TYPES, type DocumentType } from '../src/core/documents.ts';
import { FIXTURE_CREATED_AT, fixtureInput, standardFixtures } from './fixtures.ts';
import { renderDocument } from './index.ts';
import { createDemoSigner, type DocumentSigner } from './signing.ts';
import { grayPng, oneBitPages } from './test-support.ts';
import { verifyBytes, verifyDocumentFile } from './verify.ts';

const dir = mkdtempSync(join(tmpdir(), 'adm-verify-'));
const signer = createDemoSigner();
const fixtures = standardFixtures();

/** The page that carries the QR: page 1, except the cards' back. */
const qrPage = (type: DocumentType) => (type === 'ktp' || type === 'kia' ? 2 : 1);

describe('verify', () => {
  it('finds and checks the QR code in a rendered PDF, and says what it certifies', async () => {
    const file = join(dir, 'kk.pdf');
    writeFileSync(file, await renderDocument(fixtures.kk, { signer, createdAt: FIXTURE_CREATED_AT }));
    const result = await verifyDocumentFile(file);
    expect(result.status).toBe('valid');
    expect(result.demo).toBe(true);
    // The QR carries the holder's NIK masked, never whole (issue 8): region and last two digits.
    const nik = fixtures.kk.document.subjectNik;
    expect(result.payload).toMatchObject({ version: 'ADM2', type: 'kk', nomor: '3273011203150005', nik: `${nik.slice(0, 6)}********${nik.slice(14)}`, issuedAt: '2024-08-17' });
    expect(result.payload?.url).toBe('https://verifikasi.adm-kiosk.invalid/v/kk/3273011203150005');
    expect(result.summary).toContain('Kartu Keluarga');
    expect(result.summary).toContain('DEMO');
    expect(result.summary).not.toContain(fixtures.kk.document.subjectNik);
  });

  it.each(DOCUMENT_TYPES.map((t) => [t] as [DocumentType]))('%s: the QR still decodes from a 1-bit 203 dpi print of the page', async (type) => {
    const pages = await oneBitPages(await renderDocument(fixtures[type], { signer, createdAt: FIXTURE_CREATED_AT }), 203);
    const page = pages[qrPage(type) - 1];
    if (page === undefined) throw new Error('page missing');
    const file = join(dir, `${type}-203dpi.png`);
    writeFileSync(file, grayPng(page));
    const result = await verifyDocumentFile(file);
    expect(result.fileKind).toBe('png');
    expect(result.status).toBe('valid');
    expect(result.payload?.type).toBe(type);
  });

  it('reads a JPEG photo of a printed page', async () => {
    const [page] = await oneBitPages(await renderDocument(fixtures['akta-kelahiran'], { signer, createdAt: FIXTURE_CREATED_AT }), 203);
    if (page === undefined) throw new Error('page missing');
    // A photo: grey paper, soft contrast, JPEG artefacts, slightly smaller than the print.
    const canvas = createCanvas(Math.round(page.width * 0.8), Math.round(page.height * 0.8));
    const ctx = canvas.getContext('2d');
    const src = createCanvas(page.width, page.height);
    const sctx = src.getContext('2d');
    const img = sctx.createImageData(page.width, page.height);
    for (let i = 0; i < page.gray.length; i += 1) {
      const v = (page.gray[i] ?? 255) === 0 ? 60 : 215;
      img.data[i * 4] = v;
      img.data[i * 4 + 1] = v;
      img.data[i * 4 + 2] = v - 10;
      img.data[i * 4 + 3] = 255;
    }
    sctx.putImageData(img, 0, 0);
    ctx.drawImage(src, 0, 0, canvas.width, canvas.height);
    const file = join(dir, 'photo.jpg');
    writeFileSync(file, canvas.toBuffer('image/jpeg', 70));
    const result = await verifyDocumentFile(file);
    expect(result.fileKind).toBe('jpeg');
    expect(result.status).toBe('valid');
    expect(result.payload?.type).toBe('akta-kelahiran');
  });

  it('reports a forged signature as invalid', async () => {
    const forger: DocumentSigner = { keyId: signer.keyId, demo: true, sign: () => new Uint8Array(64).fill(7) };
    const result = await verifyBytes(await renderDocument(fixtureInput('akta-kematian'), { signer: forger, createdAt: FIXTURE_CREATED_AT }));
    expect(result.status).toBe('invalid');
    expect(result.reason).toMatch(/signature does not match/);
  });

  it('reports a file without a QR code, and refuses files that are not PDFs or images', async () => {
    const canvas = createCanvas(400, 300);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, 400, 300);
    const result = await verifyBytes(new Uint8Array(canvas.toBuffer('image/png')));
    expect(result.status).toBe('no-qr');
    await expect(verifyBytes(new TextEncoder().encode('hello'))).rejects.toMatchObject({ code: 'ARGUMENT_INVALID' });
  });
});

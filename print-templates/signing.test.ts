import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KioskError } from '../src/core/errors.ts';
import { buildPayload, createDemoSigner, defaultTrustedKeys, loadSignerFromPem, parsePayload, trustedKeyFromPem, verifyPayload } from './signing.ts';

const fields = { type: 'kk' as const, nomor: '3273011203150005', nik: '3273011708850001', issuedAt: '2024-08-17', url: 'https://verifikasi.adm-kiosk.invalid/v/kk/3273011203150005' };

describe('signed verification payload', () => {
  it('has the compact ADM2 format, the NIK masked, and verifies with the demo key', () => {
    const text = buildPayload(fields, createDemoSigner());
    expect(text).toMatch(/^ADM2\|kk\|3273011203150005\|327301\*{8}01\|2024-08-17\|https:\/\/\S+\|DEMO-ADM-1\|[A-Za-z0-9_-]{86}$/);
    expect(text).not.toContain(fields.nik);
    const verdict = verifyPayload(text);
    expect(verdict.valid).toBe(true);
    if (verdict.valid) expect(verdict.key.demo).toBe(true);
  });

  it('is deterministic: the demo key is fixed and Ed25519 signatures are too', () => {
    expect(buildPayload(fields, createDemoSigner())).toBe(buildPayload(fields, createDemoSigner()));
  });

  it('rejects any altered field', () => {
    const text = buildPayload(fields, createDemoSigner());
    const altered = text.replace('|327301********01|', '|327301********02|');
    const verdict = verifyPayload(altered);
    expect(verdict.valid).toBe(false);
    if (!verdict.valid) expect(verdict.reason).toMatch(/altered/);
    expect(verifyPayload(text.replace('2024-08-17', '2024-08-18')).valid).toBe(false);
  });

  it('masks a card\'s number (its NIK) too, and refuses a URL that would carry a whole NIK', () => {
    const ktp = { type: 'ktp' as const, nomor: '3273011708850001', nik: '3273011708850001', issuedAt: '2024-08-17', url: 'https://verifikasi.adm-kiosk.invalid/v/ktp/327301********01' };
    const text = buildPayload(ktp, createDemoSigner());
    expect(text).toMatch(/^ADM2\|ktp\|327301\*{8}01\|327301\*{8}01\|/);
    expect(text).not.toMatch(/\d{16}/);
    expect(verifyPayload(text).valid).toBe(true);
    expect(() => buildPayload({ ...ktp, url: 'https://verifikasi.adm-kiosk.invalid/v/ktp/3273011708850001' }, createDemoSigner())).toThrow(/whole NIK/);
  });

  it('still verifies an ADM1 code (printed before the NIK was masked), and only with its own fields', () => {
    // An ADM1 payload signed with the demo key as versions before ADM2 made it.
    const signed = 'ADM1|kk|3273011203150005|3273011708850001|2024-08-17|https://verifikasi.adm-kiosk.invalid/v/kk/3273011203150005|DEMO-ADM-1';
    const signature = Buffer.from(createDemoSigner().sign(Buffer.from(signed, 'utf8'))).toString('base64url');
    expect(verifyPayload(`${signed}|${signature}`)).toMatchObject({ valid: true, payload: { version: 'ADM1', nik: '3273011708850001' } });
    expect(verifyPayload(`${signed.replace('ADM1', 'ADM2')}|${signature}`).valid).toBe(false);
  });

  it('rejects unknown keys and texts that are not ADM payloads', () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const dir = mkdtempSync(join(tmpdir(), 'adm-sign-'));
    const file = join(dir, 'key.pem');
    writeFileSync(file, privateKey.export({ format: 'pem', type: 'pkcs8' }));
    const signer = loadSignerFromPem(file);
    expect(signer.keyId).toMatch(/^K-[0-9A-F]{16}$/);
    const text = buildPayload(fields, signer);
    const unknown = verifyPayload(text);
    expect(unknown.valid).toBe(false);
    if (!unknown.valid) expect(unknown.reason).toMatch(/not in the trusted keys/);
    expect(verifyPayload('https://example.invalid').valid).toBe(false);
    expect(parsePayload('ADM1|sim|1|2|3|4|5|6')).toBeUndefined();
  });

  it('trusts a production key given as a PEM public key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'adm-sign-'));
    const priv = join(dir, 'key.pem');
    const pub = join(dir, 'pub.pem');
    execFileSync('openssl', ['genpkey', '-algorithm', 'ed25519', '-out', priv]);
    execFileSync('openssl', ['pkey', '-in', priv, '-pubout', '-out', pub]);
    const signer = loadSignerFromPem(priv);
    const key = trustedKeyFromPem(pub, 'Dinas Dukcapil test key');
    expect(key.keyId).toBe(signer.keyId);
    const verdict = verifyPayload(buildPayload(fields, signer), [...defaultTrustedKeys(), key]);
    expect(verdict.valid).toBe(true);
    if (verdict.valid) expect(verdict.key.demo).toBe(false);
  });

  it('refuses a field the format cannot carry and a key that is not Ed25519', () => {
    expect(() => buildPayload({ ...fields, nomor: 'A|B' }, createDemoSigner())).toThrow(KioskError);
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const dir = mkdtempSync(join(tmpdir(), 'adm-sign-'));
    const file = join(dir, 'ec.pem');
    writeFileSync(file, privateKey.export({ format: 'pem', type: 'pkcs8' }));
    expect(() => loadSignerFromPem(file)).toThrow(/not Ed25519/);
  });
});

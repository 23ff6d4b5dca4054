import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { DOCUMENT_TYPES } from '../../core/documents.ts';
import { DemoRegistry } from '../../records/demo-registry.ts';
import { runCli } from '../main.ts';
import { fakeIo } from '../testing.ts';
import { renderCommand } from './render.ts';
import { verifyCommand } from './verify.ts';

const commands = [renderCommand, verifyCommand];
const io = (dataDir: string) => fakeIo({ ADM_KIOSK_DATA_DIR: dataDir });

describe('adm-kiosk render and verify', () => {
  const dir = mkdtempSync(join(tmpdir(), 'adm-render-'));
  const citizens = new DemoRegistry().demoCitizens();

  it.each(DOCUMENT_TYPES.map((t) => [t]))('renders a demo resident\'s %s and verifies it', async (type) => {
    const holder = citizens.find((c) => c.documents.some((d) => d.type === type));
    expect(holder, `no demo resident holds a ${type}`).toBeDefined();
    if (holder === undefined) return;
    const out = join(dir, `${type}.pdf`);
    const a = io(dir);
    const code = await runCli(['render', type, '--nik', holder.nik, '--out', out, '--created-at', '2024-08-17T09:00:00+07:00'], a, commands);
    expect(a.err()).toBe('');
    expect(code).toBe(0);
    expect(a.out()).toContain('signed with the DEMO key');
    expect(a.out()).not.toContain(holder.nik);
    const b = io(dir);
    expect(await runCli(['verify', out, '--json'], b, commands)).toBe(0);
    const result = JSON.parse(b.out()) as { status: string; payload: { type: string; nik: string } };
    expect(result.status).toBe('valid');
    expect(result.payload.type).toBe(type);
    // Rendering spends no PIN.
    expect(new DemoRegistry({ stateFile: join(dir, 'demo-registry-state.json') }).demoCitizens().find((c) => c.nik === holder.nik)?.documents.every((d) => d.status === 'ready')).toBe(true);
  });

  it('names the types when the type is unknown', async () => {
    const a = io(dir);
    expect(await runCli(['render', 'sim', '--nik', '3273011708850001', '--out', join(dir, 'x.pdf')], a, commands)).toBe(2);
    expect(a.err()).toContain('kk, ktp, kia, akta-kelahiran, akta-kematian');
  });

  it('verify exits 1 for a tampered or QR-less file, 2 for a file that is not there', async () => {
    const holder = citizens.find((c) => c.documents.some((d) => d.type === 'kk'));
    if (holder === undefined) throw new Error('no KK holder in demo data');
    const pdfPath = join(dir, 'kk-for-tamper.pdf');
    await runCli(['render', 'kk', '--nik', holder.nik, '--out', pdfPath, '--created-at', '2024-08-17T09:00:00Z'], io(dir), commands);
    const png = join(dir, 'blank.png');
    // A white page: no QR code in it.
    const blank = new PNG({ width: 300, height: 300 });
    blank.data.fill(255);
    writeFileSync(png, PNG.sync.write(blank));
    const a = io(dir);
    expect(await runCli(['verify', png], a, commands)).toBe(1);
    expect(a.out()).toContain('NO QR CODE');
    const b = io(dir);
    expect(await runCli(['verify', join(dir, 'missing.pdf')], b, commands)).toBe(2);
    expect(b.err()).toContain('does not exist');
    expect(readFileSync(pdfPath).subarray(0, 5).toString()).toBe('%PDF-');
  });
});

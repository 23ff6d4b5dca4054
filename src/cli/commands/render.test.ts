import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { DOCUMENT_TYPES } from '../../core/documents.ts';
import { DemoRegistry } from '../../records/demo-registry.ts';
import { isKioskError } from '../../core/errors.ts';
import { UsageError, type CliIo, type Command } from '../command.ts';
import { renderCommand } from './render.ts';
import { verifyCommand } from './verify.ts';

function io(dataDir: string): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: { write: (t: string) => out.push(t) }, stderr: { write: (t: string) => err.push(t) }, env: { ADM_KIOSK_DATA_DIR: dataDir }, signal: new AbortController().signal };
}

const commands = [renderCommand, verifyCommand];

/** The CLI's dispatch in miniature (exit 2 for usage errors, 1 for failures, message on stderr). */
async function runCli(argv: string[], cli: CliIo, list: readonly Command[]): Promise<number> {
  const command = list.find((c) => c.path[0] === argv[0]);
  if (command === undefined) throw new Error(`no command ${argv[0] ?? ''}`);
  try {
    return await command.run(argv.slice(1), cli);
  } catch (error) {
    if (!isKioskError(error)) throw error;
    cli.stderr.write(`${error.message}\n${error.hint ?? ''}\n`);
    return error instanceof UsageError ? 2 : 1;
  }
}

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
    expect(a.err.join('')).toBe('');
    expect(code).toBe(0);
    expect(a.out.join('')).toContain('signed with the DEMO key');
    expect(a.out.join('')).not.toContain(holder.nik);
    const b = io(dir);
    expect(await runCli(['verify', out, '--json'], b, commands)).toBe(0);
    const result = JSON.parse(b.out.join('')) as { status: string; payload: { type: string; nik: string } };
    expect(result.status).toBe('valid');
    expect(result.payload.type).toBe(type);
    // Rendering spends no PIN.
    expect(new DemoRegistry({ stateFile: join(dir, 'demo-registry-state.json') }).demoCitizens().find((c) => c.nik === holder.nik)?.documents.every((d) => d.status === 'ready')).toBe(true);
  });

  it('names the types when the type is unknown', async () => {
    const a = io(dir);
    expect(await runCli(['render', 'sim', '--nik', '3273011708850001', '--out', join(dir, 'x.pdf')], a, commands)).toBe(2);
    expect(a.err.join('')).toContain('kk, ktp, kia, akta-kelahiran, akta-kematian');
  });

  it('verify exits 1 for a tampered or QR-less file', async () => {
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
    expect(a.out.join('')).toContain('NO QR CODE');
    const b = io(dir);
    expect(await runCli(['verify', join(dir, 'missing.pdf')], b, commands)).toBe(1);
    expect(readFileSync(pdfPath).subarray(0, 5).toString()).toBe('%PDF-');
  });
});

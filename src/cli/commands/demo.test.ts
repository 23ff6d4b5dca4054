import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UsageError } from '../command.ts';
import { generateDemoData } from '../../records/demo/demo-data.ts';
import { DemoRegistry, demoStateFilePath, type DemoCitizen } from '../../records/demo-registry.ts';
import { fakeIo } from '../testing.ts';
import { DOCUMENT_TYPES } from '../../core/documents.ts';
import { demoCitizensCommand, demoResetCommand, SHORT_PER_TYPE } from './demo.ts';

/** A redeem request with a fresh request id, as the kiosk sends it. */
const req = (nik: string, documentId: string, pin: string) => ({ requestId: randomUUID(), nik, documentId, pin });

const data = generateDemoData();

describe('adm-kiosk demo citizens / demo reset', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'adm-demo-cli-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints a table with NIK, No. KK, name and "type id PIN" per document (--all: every resident)', async () => {
    const io = fakeIo();
    expect(await demoCitizensCommand.run(['--all', '--data-dir', dir], io)).toBe(0);
    const lines = io.out().split('\n');
    expect(lines[0]).toMatch(/^NIK\s+No\. KK\s+Name\s+Card UID\s+Documents/);
    const first = data.cards[0];
    const doc = data.documents.find((d) => d.holderNik === first?.nik);
    const row = lines.find((l) => l.startsWith(first?.nik ?? '-'));
    expect(row).toContain(data.families[0]?.noKk);
    expect(row).toContain(first?.uid);
    expect(row).toContain(`${doc?.document.type} ${doc?.document.id} ${doc?.pin}`);
    expect(lines.filter((l) => /^\d{16} {2}\d{16}/.test(l))).toHaveLength(data.cards.length);
    expect(io.out()).toContain(`${data.cards.length} demo residents with a card`);
    // The over-long name is cut to keep the table readable.
    expect(io.out()).toContain('Andi Muhammad Fadhlurrahman Syamsud…');
  });

  it('prints JSON with --json, showing what was printed (state from --data-dir)', async () => {
    const card = data.cards[0];
    const doc = data.documents.find((d) => d.holderNik === card?.nik);
    const registry = new DemoRegistry({ stateFile: demoStateFilePath(dir) });
    await registry.confirmPrint((await registry.redeemPin(req(card?.nik ?? '', doc?.document.id ?? '', doc?.pin ?? ''))).authorizationId);

    const io = fakeIo({ ADM_KIOSK_DATA_DIR: dir });
    expect(await demoCitizensCommand.run(['--json'], io)).toBe(0);
    const citizens = JSON.parse(io.out()) as DemoCitizen[];
    expect(citizens).toHaveLength(data.cards.length);
    expect(citizens[0]).toMatchObject({ nik: card?.nik, cardUid: card?.uid, noKk: data.families[0]?.noKk, kabupatenKota: 'KABUPATEN KLATEN' });
    expect(citizens[0]?.documents.find((d) => d.id === doc?.document.id)).toEqual({ id: doc?.document.id, type: doc?.document.type, pin: doc?.pin, status: 'printed' });

    const table = fakeIo();
    await demoCitizensCommand.run(['--all', '--data-dir', dir], table);
    expect(table.out()).toContain(`${doc?.document.id} ${doc?.pin} (printed)`);
  });

  it('by default prints a short table: a few residents per document type, and says how to see more', async () => {
    const io = fakeIo();
    expect(await demoCitizensCommand.run(['--data-dir', dir], io)).toBe(0);
    const rows = io.out().split('\n').filter((l) => /^\d{16} {2}\d{16}/.test(l));
    expect(data.cards.length).toBeGreaterThan(150);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThanOrEqual(DOCUMENT_TYPES.length * SHORT_PER_TYPE);
    // Every document type can be tried from the short list.
    for (const type of DOCUMENT_TYPES) expect(rows.some((r) => new RegExp(`(^|  |, )${type} DOC-\\d+ \\d+(,|$)`).test(r)), type).toBe(true);
    expect(io.out()).toContain(`of ${data.cards.length} demo residents shown`);
    expect(io.out()).toContain('--type TYPE');
    expect(io.out()).toContain('--all');
  });

  it('--type kk lists only residents with a print-ready KK, and only their KK', async () => {
    const io = fakeIo();
    expect(await demoCitizensCommand.run(['--type', 'kk', '--data-dir', dir], io)).toBe(0);
    const rows = io.out().split('\n').filter((l) => /^\d{16} {2}\d{16}/.test(l));
    const holders = new Set(data.documents.filter((d) => d.document.type === 'kk').map((d) => d.holderNik));
    const withCard = data.cards.filter((c) => holders.has(c.nik));
    expect(rows).toHaveLength(withCard.length);
    for (const row of rows) {
      const documents = row.slice(row.lastIndexOf('  ') + 2);
      expect(documents.split(', ').every((cell) => cell.startsWith('kk ')), row).toBe(true);
    }
    const json = fakeIo();
    await demoCitizensCommand.run(['--type', 'kk', '--json', '--data-dir', dir], json);
    const citizens = JSON.parse(json.out()) as DemoCitizen[];
    expect(citizens.map((c) => c.nik)).toEqual(withCard.map((c) => c.nik));
    expect(citizens.flatMap((c) => c.documents).every((d) => d.type === 'kk')).toBe(true);
  });

  it('refuses an unknown --type, naming the types, and --type with --all', async () => {
    const error: unknown = await demoCitizensCommand.run(['--type', 'passport', '--data-dir', dir], fakeIo()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toContain('kk, ktp, kia, akta-kelahiran, akta-kematian');
    await expect(demoCitizensCommand.run(['--type', 'kk', '--all', '--data-dir', dir], fakeIo())).rejects.toBeInstanceOf(UsageError);
  });

  it('resets the state so printed PINs work again', async () => {
    const card = data.cards[0];
    const doc = data.documents.find((d) => d.holderNik === card?.nik);
    const registry = new DemoRegistry({ stateFile: demoStateFilePath(dir) });
    await registry.confirmPrint((await registry.redeemPin(req(card?.nik ?? '', doc?.document.id ?? '', doc?.pin ?? ''))).authorizationId);
    registry.close();
    const io = fakeIo();
    expect(await demoResetCommand.run(['--data-dir', dir], io)).toBe(0);
    expect(io.out()).toContain('Demo registry state cleared');
    await expect(new DemoRegistry({ stateFile: demoStateFilePath(dir) }).redeemPin(req(card?.nik ?? '', doc?.document.id ?? '', doc?.pin ?? ''))).resolves.toHaveProperty('authorizationId');
    expect(await demoResetCommand.run(['--data-dir', dir], fakeIo())).toBe(0);
    const again = fakeIo();
    expect(await demoResetCommand.run(['--data-dir', dir], again)).toBe(0);
    expect(again.out()).toContain('Nothing to reset');
  });

  it('reports a damaged legacy JSON state file as a registry error naming the file and the fix; demo reset removes it', async () => {
    const legacy = join(dir, 'demo-registry-state.json');
    writeFileSync(legacy, '{');
    const error: unknown = await demoCitizensCommand.run(['--data-dir', dir], fakeIo()).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'REGISTRY_UNAVAILABLE' });
    expect((error as { message: string }).message).toContain(legacy);
    expect((error as { hint: string }).hint).toContain('adm-kiosk demo reset');
    const io = fakeIo();
    expect(await demoResetCommand.run(['--data-dir', dir], io)).toBe(0);
    expect(io.out()).toContain('Demo registry state cleared');
    expect(() => readFileSync(legacy)).toThrow();
    expect(await demoCitizensCommand.run(['--data-dir', dir], fakeIo())).toBe(0);
  });

  it('refuses unknown options and stray arguments with a UsageError', async () => {
    await expect(demoCitizensCommand.run(['--csv'], fakeIo())).rejects.toBeInstanceOf(UsageError);
    await expect(demoCitizensCommand.run(['extra'], fakeIo())).rejects.toBeInstanceOf(UsageError);
    await expect(demoResetCommand.run(['--json'], fakeIo())).rejects.toBeInstanceOf(UsageError);
  });

  it('has help that names its options', () => {
    expect(demoCitizensCommand.path).toEqual(['demo', 'citizens']);
    expect(demoResetCommand.path).toEqual(['demo', 'reset']);
    expect(demoCitizensCommand.help).toContain('--json');
    expect(demoCitizensCommand.help).toContain('--type TYPE');
    expect(demoCitizensCommand.help).toContain('--all');
    expect(demoCitizensCommand.help).toContain('--data-dir');
    expect(demoResetCommand.help).toContain('--data-dir');
  });
});

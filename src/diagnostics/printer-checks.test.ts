import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EmulatorFaultKind } from '../../device-drivers/printer/escpos-emulator.ts';
import { emulatorPrinter } from '../../device-drivers/printer/printers.ts';
import { loadProfile } from '../../device-drivers/printer/profiles.ts';
import { PrinterGate } from '../host/printer-gate.ts';
import { checkPrinter } from './printer-checks.ts';

const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const p of opened.splice(0)) await p.close();
});

async function printerWith(fault?: EmulatorFaultKind) {
  const printer = emulatorPrinter(loadProfile('generic-a4-203'), mkdtempSync(join(tmpdir(), 'adm-diag-printer-')), { responseTimeoutMs: 150 });
  await printer.open();
  opened.push(printer);
  if (fault !== undefined) printer.connection.emulator.injectFault(fault);
  return printer;
}

const statusOf = async (fault?: EmulatorFaultKind) => {
  const checks = await checkPrinter({ printer: await printerWith(fault) });
  const status = checks.find((c) => c.id === 'printer.status');
  if (status === undefined) throw new Error('no printer.status check');
  return status;
};

describe('printer checks: each fault the emulator injects is named in words, with what to do', () => {
  it('a ready printer is ok', async () => {
    const status = await statusOf();
    expect(status).toMatchObject({ level: 'ok', words: 'ready', whatToDo: 'Nothing to do.' });
  });

  it.each([
    ['paper-end', 'broken', /out of paper/, /Load a new paper roll/, 'PRINTER_PAPER_END'],
    ['cover-open', 'broken', /cover open/, /Close the printer cover/, 'PRINTER_COVER_OPEN'],
    ['head-hot', 'broken', /print head too hot/, /cool down/, 'PRINTER_ERROR'],
    ['cutter-error', 'broken', /cutter error/, /cutter blade/, 'PRINTER_ERROR'],
    ['silent', 'broken', /does not answer/, /switched on.*baud rate/, 'PRINTER_NOT_RESPONDING'],
    ['near-end', 'warn', /paper near end/, /load a new roll/, undefined],
  ] as const)('%s: %s, "%s"', async (fault, level, words, whatToDo, code) => {
    const status = await statusOf(fault);
    expect(status.level).toBe(level);
    expect(status.words).toMatch(words);
    expect(status.whatToDo).toMatch(whatToDo);
    expect(status.code).toBe(code);
  });

  it('a printer that is not open (unplugged) is "not connected"', async () => {
    const printer = emulatorPrinter(loadProfile('generic-a4-203'), mkdtempSync(join(tmpdir(), 'adm-diag-printer-')));
    const [, status] = await checkPrinter({ printer });
    expect(status).toMatchObject({ level: 'broken', words: 'not connected', code: 'PRINTER_DISCONNECTED' });
  });

  it('while a print job holds the printer the status is not asked (never interleaved)', async () => {
    const printer = await printerWith('paper-end');
    const gate = new PrinterGate();
    let release = () => undefined as void;
    const job = gate.exclusive(() => new Promise<void>((resolve) => (release = resolve)));
    const bytesBefore = printer.connection.emulator.bytesReceived;
    const [, status] = await checkPrinter({ printer, access: gate });
    expect(status?.words).toMatch(/printing a document right now/);
    expect(printer.connection.emulator.bytesReceived).toBe(bytesBefore);
    release();
    await job;
    await new Promise((resolve) => setImmediate(resolve)); // the gate lets go once the job's promise settled
    const [, after] = await checkPrinter({ printer, access: gate });
    expect(after?.words).toMatch(/out of paper/);
  });

  it('the connection check names the link, profile and geometry, and warns that an emulator is not a real printer', async () => {
    const [link] = await checkPrinter({ printer: await printerWith() });
    expect(link?.level).toBe('warn');
    expect(link?.facts).toMatchObject({ link: 'emulator', profile: 'generic-a4-203', dpi: 203, widthDots: 1728, rasterCommand: 'esc-star', statusSource: 'dle-eot' });
  });
});

describe('consumables', () => {
  const settings = { sheetsPerRefill: 100, lowSheets: 10 };
  it('counts sheets and cards since the refill and says how many are left', async () => {
    const checks = await checkPrinter({ printer: await printerWith(), paperCounts: () => ({ sheets: 40, cards: 3, refilledAt: '2026-11-01T00:00:00.000Z' }), paperSettings: settings });
    const paper = checks.find((c) => c.id === 'printer.consumables');
    expect(paper).toMatchObject({ level: 'ok', facts: { sheets: 40, cards: 3, sheetsLeft: 60 } });
    expect(paper?.words).toContain('about 60 sheet(s) left');
  });

  it('warns when the count reaches the low-paper threshold', async () => {
    const checks = await checkPrinter({ printer: await printerWith(), paperCounts: () => ({ sheets: 95, cards: 0, refilledAt: null }), paperSettings: settings });
    expect(checks.find((c) => c.id === 'printer.consumables')).toMatchObject({ level: 'warn', facts: { sheetsLeft: 5 } });
  });

  it('the near-end sensor caps the estimate at the threshold', async () => {
    const checks = await checkPrinter({ printer: await printerWith('near-end'), paperCounts: () => ({ sheets: 0, cards: 0, refilledAt: null }), paperSettings: settings });
    expect(checks.find((c) => c.id === 'printer.consumables')).toMatchObject({ level: 'warn', facts: { sheetsLeft: 10 } });
  });
});

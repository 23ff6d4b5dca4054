import { describe, expect, it } from 'vitest';
import type { CardReader, CardReaderEvent } from '../../device-drivers/card-reader/contract.ts';
import { SimulatedCardReader } from '../../device-drivers/card-reader/simulated-reader.ts';
import type { Printer, PrinterLinkEvent, PrinterStatus } from '../../device-drivers/printer/contract.ts';
import { loadProfile } from '../../device-drivers/printer/profiles.ts';
import type { Availability } from '../api/contract.ts';
import { KioskError } from '../core/errors.ts';
import { HealthMonitor } from './health.ts';
import { PrinterGate } from './printer-gate.ts';

const OK: PrinterStatus = { online: true, coverOpen: false, paperNearEnd: false, paperEnd: false, error: false };

/** A printer at the contract whose status and link a test sets, counting status requests. */
class ScriptedPrinter implements Printer {
  readonly profile = loadProfile('generic-a4-203');
  readonly link = 'serial' as const;
  status_: PrinterStatus | KioskError = OK;
  polls = 0;
  private readonly listeners = new Set<(event: PrinterLinkEvent) => void>();
  onLinkEvent(listener: (event: PrinterLinkEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  emit(event: PrinterLinkEvent): void {
    for (const listener of this.listeners) listener(event);
  }
  open = () => Promise.resolve();
  close = () => Promise.resolve();
  write = () => Promise.resolve();
  describe = () => 'scripted serial printer';
  status(): Promise<PrinterStatus> {
    this.polls += 1;
    return this.status_ instanceof KioskError ? Promise.reject(this.status_) : Promise.resolve(this.status_);
  }
}

/** A card reader at the contract whose attachment a test sets. */
class ScriptedReader implements CardReader {
  private readonly listeners = new Set<(event: CardReaderEvent) => void>();
  open = () => Promise.resolve();
  close = () => Promise.resolve();
  status = () => ({ kind: 'hid' as const, connected: true, cardPresent: false, firmwareVersion: null, lastError: null, device: 'scripted reader' });
  onEvent(listener: (event: CardReaderEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  emit(event: CardReaderEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}

async function setup(pollMs = 20) {
  const printer = new ScriptedPrinter();
  const reader = new SimulatedCardReader();
  await reader.open();
  const gate = new PrinterGate();
  const health = new HealthMonitor({ printer, gate, cardReader: reader, pollMs });
  const changes: Availability[] = [];
  health.onChange((a) => changes.push(a));
  const next = (predicate: (a: Availability) => boolean) =>
    new Promise<Availability>((resolve) => {
      if (predicate(health.current())) return resolve(health.current());
      const off = health.onChange((a) => {
        if (predicate(a)) {
          off();
          resolve(a);
        }
      });
    });
  return { printer, reader, gate, health, changes, next };
}

describe('health monitor', () => {
  it('polls the idle printer: paper end takes the kiosk out of service, new paper brings it back by itself', async () => {
    const s = await setup();
    s.health.start();
    s.printer.status_ = { ...OK, online: false, paperEnd: true };
    expect(await s.next((a) => !a.inService)).toMatchObject({ inService: false, problems: [{ part: 'printer', error: { code: 'PRINTER_PAPER_END' } }] });
    s.printer.status_ = { ...OK, paperNearEnd: true };
    expect(await s.next((a) => a.inService)).toEqual({ inService: true, problems: [] });
    await s.health.stop();
  });

  it('never polls while a print job holds the printer, and polls again after it', async () => {
    const s = await setup();
    s.health.start();
    await new Promise((resolve) => setTimeout(resolve, 60));
    let release: () => void = () => undefined;
    const job = s.gate.exclusive(() => new Promise<void>((resolve) => (release = resolve)));
    await new Promise((resolve) => setTimeout(resolve, 10));
    const before = s.printer.polls;
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(s.printer.polls).toBe(before);
    release();
    await job;
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(s.printer.polls).toBeGreaterThan(before);
    await s.health.stop();
  });

  it('a link that goes away is out of service at once; when it comes back a poll brings the kiosk back', async () => {
    const s = await setup(60_000);
    s.health.start();
    await s.next((a) => a.inService);
    s.printer.status_ = new KioskError('PRINTER_DISCONNECTED', 'The connection to the printer was lost.');
    s.printer.emit({ type: 'disconnected', error: { code: 'PRINTER_DISCONNECTED', message: 'The connection to the printer was lost.' } });
    expect(s.health.current()).toMatchObject({ inService: false, problems: [{ part: 'printer', error: { code: 'PRINTER_DISCONNECTED' } }] });
    s.printer.status_ = OK;
    s.printer.emit({ type: 'reconnected' });
    expect(await s.next((a) => a.inService)).toEqual({ inService: true, problems: [] });
    await s.health.stop();
  });

  it('watches the card reader: detached is out of service with the reader\'s own code, attached again is back', async () => {
    const printer = new ScriptedPrinter();
    const reader = new ScriptedReader();
    const health = new HealthMonitor({ printer, gate: new PrinterGate(), cardReader: reader, pollMs: 60_000 });
    health.start();
    reader.emit({ type: 'reader-disconnected', error: { code: 'CARD_READER_DISCONNECTED', message: 'The card reader was unplugged.' } });
    expect(health.current()).toMatchObject({ inService: false, problems: [{ part: 'card-reader', error: { code: 'CARD_READER_DISCONNECTED', message: 'The card reader was unplugged.' } }] });
    reader.emit({ type: 'reader-connected', firmwareVersion: '1.0.0' });
    expect(health.current().problems.map((p) => p.part)).not.toContain('card-reader');
    await health.stop();
  });

  it('holds a slot for the registry client (issue 10) to report reachability', async () => {
    const s = await setup(60_000);
    s.health.start();
    await s.next((a) => a.inService);
    s.health.setProblem('registry', { code: 'REGISTRY_UNAVAILABLE', message: 'The registry cannot be reached.' });
    expect(s.health.current()).toMatchObject({ inService: false, problems: [{ part: 'registry' }] });
    s.health.setProblem('registry', null);
    expect(s.health.current().inService).toBe(true);
    await s.health.stop();
  });
});

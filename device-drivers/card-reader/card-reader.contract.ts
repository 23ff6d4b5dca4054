import { describe, expect, it } from 'vitest';
import type { CardRead, CardReader, CardReaderEvent } from './contract.ts';
import { CARD_FAULT_CODES, type CardFault } from './card-fault.ts';
import { EventLog } from './testing/event-log.ts';

/**
 * The behaviour every CardReader must show, whatever its transport. Each implementation's
 * test calls this with a factory: the simulated reader, and the HID driver on a fake device at
 * node-hid's interface (and on real hardware when a test names one). The harness stages what
 * a resident and a technician do, however the implementation does it: `tap` puts a card on
 * the reader (with a fault it fails that way), `lift` takes it off, `detach` and `attach`
 * unplug and replug the reader. Harness calls only trigger; the suite waits for the events.
 */
export interface CardReaderHarness {
  readonly reader: CardReader;
  tap(card: CardRead & { readonly fault?: CardFault }): Promise<void>;
  lift(): Promise<void>;
  detach(): Promise<void>;
  attach(): Promise<void>;
  dispose(): Promise<void>;
}

export interface HarnessOptions {
  /** Start with the reader unplugged. */
  readonly detached?: boolean;
}

const CARD: CardRead = { nik: '3273015708850001', uid: '04A1B2C3D4E5F6', name: 'SITI AMINAH', validUntil: null };
const OTHER: CardRead = { nik: '3578011708900003', uid: '262B6E15', name: 'BUDI SANTOSO', validUntil: '2017-08-17' };
const FAULTS = Object.keys(CARD_FAULT_CODES) as CardFault[];

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

export function cardReaderContract(name: string, makeHarness: (options?: HarnessOptions) => Promise<CardReaderHarness>): void {
  describe(`CardReader contract: ${name}`, () => {
    async function withReader(run: (h: CardReaderHarness, log: EventLog) => Promise<void>, options?: HarnessOptions): Promise<void> {
      const harness = await makeHarness(options);
      const log = new EventLog(harness.reader);
      try {
        await harness.reader.open();
        if (options?.detached !== true) await log.waitFor('reader-connected');
        await run(harness, log);
      } finally {
        log.stop();
        await harness.dispose();
      }
    }

    it('reports itself connected once open, with no card, its firmware version and no error', async () => {
      await withReader(async (h, log) => {
        expect(h.reader.status()).toMatchObject({ connected: true, cardPresent: false, lastError: null });
        expect(h.reader.status().firmwareVersion).toEqual(expect.any(String));
        expect(log.events).toEqual([{ type: 'reader-connected', firmwareVersion: h.reader.status().firmwareVersion }]);
        return Promise.resolve();
      });
    });

    it('never calls a listener synchronously inside open()', async () => {
      const harness = await makeHarness();
      const seen: CardReaderEvent[] = [];
      harness.reader.onEvent((event) => seen.push(event));
      const opening = harness.reader.open();
      expect(seen).toEqual([]);
      await opening;
      await harness.dispose();
    });

    it('reports a tapped card as detected, then read with its NIK, UID and name, then its removal', async () => {
      await withReader(async (h, log) => {
        const mark = log.mark();
        await h.tap(CARD);
        await log.waitFor('card-present', mark);
        expect(log.since(mark)).toEqual([{ type: 'card-detected' }, { type: 'card-present', card: CARD }]);
        expect(h.reader.status().cardPresent).toBe(true);
        await h.lift();
        await log.waitFor('card-removed', mark);
        expect(log.typesSince(mark)).toEqual(['card-detected', 'card-present', 'card-removed']);
        expect(h.reader.status().cardPresent).toBe(false);
      });
    });

    it('reports a second card after the first was replaced, never mixing the two', async () => {
      await withReader(async (h, log) => {
        await h.tap(CARD);
        await log.waitFor('card-present');
        const mark = log.mark();
        await h.tap(OTHER);
        await log.waitFor('card-present', mark);
        expect(log.since(mark)).toEqual([{ type: 'card-removed' }, { type: 'card-detected' }, { type: 'card-present', card: OTHER }]);
      });
    });

    for (const fault of FAULTS) {
      const code = CARD_FAULT_CODES[fault];
      it(`reports a card that fails (${fault}) once as card-read-failed ${code}, never as read`, async () => {
        await withReader(async (h, log) => {
          const mark = log.mark();
          await h.tap({ ...CARD, fault });
          const failed = await log.settled(mark);
          if (failed.type !== 'card-read-failed') throw new Error(`expected card-read-failed, got ${failed.type}`);
          expect(failed.error.code).toBe(code);
          expect(failed.error.message.length).toBeGreaterThan(0);
          expect(failed.error.hint?.length).toBeGreaterThan(0);
          expect(failed.error.message).not.toContain(CARD.nik);
          expect(failed.error.message).not.toContain(CARD.name);
          expect(h.reader.status().lastError).toMatchObject({ code });
          if (fault !== 'removed-during-read') await h.lift();
          await log.waitFor('card-removed', mark);
          expect(log.typesSince(mark)).toEqual(['card-detected', 'card-read-failed', 'card-removed']);
          // The next tap of a good card reads normally.
          const again = log.mark();
          await h.tap(CARD);
          await log.waitFor('card-present', again);
          expect(log.typesSince(again)).toEqual(['card-detected', 'card-present']);
        });
      });
    }

    it('stops delivering events to a listener that unsubscribed', async () => {
      await withReader(async (h, log) => {
        const late: CardReaderEvent[] = [];
        const stop = h.reader.onEvent((event) => late.push(event));
        stop();
        const mark = log.mark();
        await h.tap(CARD);
        await log.waitFor('card-present', mark);
        expect(late).toEqual([]);
      });
    });

    it('keeps delivering to other listeners when one throws', async () => {
      await withReader(async (h, log) => {
        h.reader.onEvent(() => {
          throw new Error('listener bug');
        });
        const mark = log.mark();
        await h.tap(CARD);
        await log.waitFor('card-present', mark);
        await h.lift();
        await log.waitFor('card-removed', mark);
        expect(h.reader.status().connected).toBe(true);
      });
    });

    it('reports an unplugged reader once as disconnected, forgets the card, and reads again after the replug', async () => {
      await withReader(async (h, log) => {
        await h.tap(CARD);
        await log.waitFor('card-present');
        const mark = log.mark();
        await h.detach();
        const gone = await log.waitFor('reader-disconnected', mark);
        expect(gone).toEqual({ type: 'reader-disconnected', error: expect.objectContaining({ code: expect.stringMatching(/^CARD_READER_(DISCONNECTED|NOT_RESPONDING)$/) as unknown }) as unknown });
        expect(h.reader.status()).toMatchObject({ connected: false, cardPresent: false, firmwareVersion: null });
        await h.lift(); // the resident takes the card while the technician replugs
        await h.attach();
        await log.waitFor('reader-connected', mark);
        expect(h.reader.status()).toMatchObject({ connected: true, cardPresent: false });
        const again = log.mark();
        await h.tap(OTHER);
        await log.waitFor('card-present', again);
        expect(log.since(again)).toEqual([{ type: 'card-detected' }, { type: 'card-present', card: OTHER }]);
        expect(log.count('reader-disconnected', mark)).toBe(1);
        expect(log.count('reader-error', mark)).toBe(0);
      });
    });

    it('starts with the reader absent: one reader-error, then connects when it is plugged in', async () => {
      await withReader(
        async (h, log) => {
          const absent = await log.waitFor('reader-error');
          expect(absent).toMatchObject({ error: { code: 'CARD_READER_DISCONNECTED' } });
          expect(h.reader.status()).toMatchObject({ connected: false, lastError: { code: 'CARD_READER_DISCONNECTED' } });
          await h.attach();
          await log.waitFor('reader-connected');
          expect(log.count('reader-error')).toBe(1);
          const mark = log.mark();
          await h.tap(CARD);
          await log.waitFor('card-present', mark);
        },
        { detached: true },
      );
    });

    it('reports disconnected after close, forgets the card and delivers nothing after close resolves', async () => {
      const harness = await makeHarness();
      const log = new EventLog(harness.reader);
      await harness.reader.open();
      await log.waitFor('reader-connected');
      await harness.tap(CARD);
      await log.waitFor('card-present');
      await harness.tap(OTHER);
      await harness.reader.close();
      const mark = log.mark();
      expect(harness.reader.status()).toMatchObject({ connected: false, cardPresent: false });
      for (let i = 0; i < 5; i += 1) await flush();
      expect(log.since(mark)).toEqual([]);
      log.stop();
      await harness.dispose();
    });

    it('can be opened again after close and reads cards as before', async () => {
      const harness = await makeHarness();
      const log = new EventLog(harness.reader);
      await harness.reader.open();
      await log.waitFor('reader-connected');
      await harness.reader.close();
      const mark = log.mark();
      await harness.reader.open();
      await log.waitFor('reader-connected', mark);
      await harness.tap(CARD);
      await log.waitFor('card-present', mark);
      expect(log.typesSince(mark)).toEqual(['reader-connected', 'card-detected', 'card-present']);
      log.stop();
      await harness.dispose();
    });
  });
}

import { describe, expect, it } from 'vitest';
import type { CardRead, CardReader, CardReaderEvent } from './contract.ts';

/**
 * The behaviour every CardReader must show, whatever its transport. Each implementation's
 * test calls this with a factory: the simulated reader now, the HID driver (with a fake
 * device at node-hid's interface) next, and real hardware when ADM_KIOSK_TEST_READER names one.
 * `tap` and `lift` put a card on the reader and take it off, however the implementation does it.
 */
export interface CardReaderHarness {
  readonly reader: CardReader;
  tap(card: CardRead): Promise<void>;
  lift(): Promise<void>;
  dispose(): Promise<void>;
}

const CARD: CardRead = { nik: '3273015708850001', uid: '04A1B2C3D4E5F6' };
const OTHER: CardRead = { nik: '3578011708900003', uid: '262B6E15' };

export function cardReaderContract(name: string, makeHarness: () => Promise<CardReaderHarness>): void {
  describe(`CardReader contract: ${name}`, () => {
    async function withReader(run: (h: CardReaderHarness, events: CardReaderEvent[]) => Promise<void>): Promise<void> {
      const harness = await makeHarness();
      const events: CardReaderEvent[] = [];
      harness.reader.onEvent((event) => events.push(event));
      try {
        await harness.reader.open();
        await run(harness, events);
      } finally {
        await harness.dispose();
      }
    }

    it('reports itself connected once open, with no card', async () => {
      await withReader(async (h) => {
        expect(h.reader.status()).toMatchObject({ connected: true, cardPresent: false });
        return Promise.resolve();
      });
    });

    it('reports a tapped card with its NIK and UID, then its removal', async () => {
      await withReader(async (h, events) => {
        await h.tap(CARD);
        expect(events.filter((e) => e.type === 'card-present')).toEqual([{ type: 'card-present', card: CARD }]);
        expect(h.reader.status().cardPresent).toBe(true);
        await h.lift();
        expect(events.at(-1)).toEqual({ type: 'card-removed' });
        expect(h.reader.status().cardPresent).toBe(false);
      });
    });

    it('reports a second card after the first was replaced, never mixing the two', async () => {
      await withReader(async (h, events) => {
        await h.tap(CARD);
        await h.tap(OTHER);
        const presents = events.filter((e) => e.type === 'card-present');
        expect(presents.at(-1)).toEqual({ type: 'card-present', card: OTHER });
        const removedBetween = events.findIndex((e) => e.type === 'card-removed');
        expect(removedBetween).toBeGreaterThan(events.findIndex((e) => e.type === 'card-present'));
      });
    });

    it('stops delivering events to a listener that unsubscribed', async () => {
      await withReader(async (h) => {
        const late: CardReaderEvent[] = [];
        const stop = h.reader.onEvent((event) => late.push(event));
        stop();
        await h.tap(CARD);
        expect(late).toEqual([]);
      });
    });

    it('reports disconnected after close and forgets the card', async () => {
      const harness = await makeHarness();
      await harness.reader.open();
      await harness.tap(CARD);
      await harness.reader.close();
      expect(harness.reader.status()).toMatchObject({ connected: false, cardPresent: false });
      await harness.dispose();
    });
  });
}

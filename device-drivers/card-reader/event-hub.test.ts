import { expect, it } from 'vitest';
import type { CardReaderEvent } from './contract.ts';
import { CardReaderEventHub } from './event-hub.ts';

it('delivers after the emitting call returns, in order, and reports a throwing listener without losing the event for others', async () => {
  const reported: unknown[] = [];
  const hub = new CardReaderEventHub((error) => reported.push(error));
  const seen: CardReaderEvent[] = [];
  hub.unmute();
  hub.subscribe(() => {
    throw new TypeError('listener bug');
  });
  hub.subscribe((event) => seen.push(event));
  hub.emit({ type: 'card-detected' });
  hub.emit({ type: 'card-removed' });
  expect(seen).toEqual([]);
  await Promise.resolve();
  expect(seen).toEqual([{ type: 'card-detected' }, { type: 'card-removed' }]);
  expect(reported).toEqual([expect.any(TypeError), expect.any(TypeError)]);
});

it('drops what is queued when muted (a reader closing) and delivers nothing while muted', async () => {
  const hub = new CardReaderEventHub();
  const seen: CardReaderEvent[] = [];
  hub.subscribe((event) => seen.push(event));
  hub.emit({ type: 'card-detected' });
  hub.unmute();
  hub.emit({ type: 'card-removed' });
  hub.mute();
  await Promise.resolve();
  expect(seen).toEqual([]);
});

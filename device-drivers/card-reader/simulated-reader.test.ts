import { expect, it } from 'vitest';
import { cardReaderContract } from './card-reader.contract.ts';
import { SimulatedCardReader } from './simulated-reader.ts';

cardReaderContract('simulated reader', (options) => {
  const reader = new SimulatedCardReader({ onListenerError: () => undefined });
  if (options?.detached === true) reader.detach();
  return Promise.resolve({
    reader,
    tap: (card) => Promise.resolve(reader.present(card)),
    lift: () => Promise.resolve(reader.remove()),
    detach: () => Promise.resolve(reader.detach()),
    attach: () => Promise.resolve(reader.attach()),
    dispose: () => reader.close(),
  });
});

it('refuses a card on a reader that is not open, with a code', () => {
  const reader = new SimulatedCardReader();
  expect(() => reader.present({ nik: '3273015708850001', uid: '04A1B2C3D4E5F6' })).toThrow(expect.objectContaining({ code: 'CARD_READER_ERROR' }));
});

it('refuses a card on a detached reader, with a code', async () => {
  const reader = new SimulatedCardReader();
  await reader.open();
  reader.detach();
  expect(() => reader.present({ nik: '3273015708850001', uid: '04A1B2C3D4E5F6' })).toThrow(expect.objectContaining({ code: 'CARD_READER_DISCONNECTED' }));
  await reader.close();
});

import { expect, it } from 'vitest';
import { cardReaderContract } from './card-reader.contract.ts';
import { SimulatedCardReader } from './simulated-reader.ts';

cardReaderContract('simulated reader', () => {
  const reader = new SimulatedCardReader();
  return Promise.resolve({
    reader,
    tap: (card) => Promise.resolve(reader.present(card)),
    lift: () => Promise.resolve(reader.remove()),
    dispose: () => reader.close(),
  });
});

it('refuses a card on a reader that is not open, with a code', () => {
  const reader = new SimulatedCardReader();
  expect(() => reader.present({ nik: '3273015708850001', uid: '04A1B2C3D4E5F6' })).toThrow(expect.objectContaining({ code: 'CARD_READER_ERROR' }));
});

import type { CardReadFailureCode } from './contract.ts';

/**
 * Ways a card can fail to be read, as the simulated reader and the fake HID reader module
 * stage them (demo mode, tests). Each ends in the `card-read-failed` code beside it.
 */
export const CARD_FAULTS = ['not-ektp', 'blocked', 'removed-during-read', 'auth-failed', 'sam-locked', 'unreadable'] as const;
export type CardFault = (typeof CARD_FAULTS)[number];

export const CARD_FAULT_CODES: Readonly<Record<CardFault, CardReadFailureCode>> = {
  'not-ektp': 'CARD_NOT_EKTP',
  blocked: 'CARD_BLOCKED',
  'removed-during-read': 'CARD_REMOVED_DURING_READ',
  'auth-failed': 'CARD_AUTH_FAILED',
  'sam-locked': 'CARD_READER_SAM_LOCKED',
  unreadable: 'CARD_READ_FAILED',
};

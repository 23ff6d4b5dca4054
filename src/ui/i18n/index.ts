import type { DocumentType } from '../../core/documents.ts';
import { en } from './en.ts';
import { id, type Catalogue, type MessageKey } from './id.ts';

export type { Catalogue, MessageKey } from './id.ts';

export const LANGS = ['id', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'id';

export const CATALOGUES: Readonly<Record<Lang, Catalogue>> = { id, en };

export type Params = Readonly<Record<string, string | number>>;

/** The catalogue string for `key` with its `{placeholders}` filled from `params`. */
export function translate(lang: Lang, key: MessageKey, params: Params = {}): string {
  return CATALOGUES[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/** An error as the UI receives it: a code (maybe one the catalogue does not know yet), the server's words, its structured facts. */
export interface UiErrorData {
  readonly code: string;
  readonly message: string;
  readonly hint?: string | undefined;
  /** Facts for the screen: tries left after a wrong PIN, until when a role is locked. */
  readonly details?: { readonly attemptsLeft?: number | undefined; readonly lockedUntil?: string | undefined } | undefined;
}

/** An error in words for the resident: what happened and what to do. */
export interface ErrorText {
  readonly message: string;
  readonly hint: string | null;
}

function catalogueEntry(catalogue: Catalogue, key: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(catalogue, key) ? catalogue[key as MessageKey] : undefined;
}

/** Attempts left after a wrong PIN, from the error's structured details (never read out of its words). */
export function attemptsLeft(error: UiErrorData): number | null {
  const left = error.details?.attemptsLeft;
  return typeof left === 'number' && Number.isInteger(left) && left >= 0 ? left : null;
}

/** The wall-clock time of an ISO instant as the kiosk's clock shows it (14.30 in Indonesian, 14:30 in English); null when it is not a time. */
export function formatClockTime(lang: Lang, iso: string | undefined): string | null {
  if (iso === undefined) return null;
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return null;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(at.getHours())}${lang === 'id' ? '.' : ':'}${two(at.getMinutes())}`;
}

/**
 * Maps an error code to the catalogue's words; a code without an entry falls back to the
 * server's own message and hint, so nothing is ever hidden.
 */
export function describeError(lang: Lang, error: UiErrorData): ErrorText {
  const catalogue = CATALOGUES[lang];
  const message = catalogueEntry(catalogue, `error.${error.code}`);
  if (message === undefined) return { message: error.message, hint: error.hint ?? null };
  const hint = catalogueEntry(catalogue, `error.${error.code}.hint`) ?? '';
  let text = message;
  if (error.code === 'PIN_INVALID') {
    const left = attemptsLeft(error);
    if (left !== null) text = `${message} ${translate(lang, 'authorizing.attemptsLeft', { count: left })}`;
  }
  return { message: text, hint: hint === '' ? null : hint };
}

/**
 * Codes the resident caused and can act on alone (a wrong or spent PIN, a card to tap again):
 * no code is shown for these. Every other error shows its code small, for the staff.
 */
export const RESIDENT_OWN_CODES: ReadonlySet<string> = new Set(['PIN_INVALID', 'PIN_USED', 'PIN_LOCKED', 'SESSION_EXPIRED', 'CARD_READ_FAILED', 'CARD_NOT_EKTP', 'CARD_REMOVED_DURING_READ']);

export function staffCode(error: UiErrorData): string | null {
  return RESIDENT_OWN_CODES.has(error.code) ? null : error.code;
}

/** A document type's name in the resident's language (official Indonesian names stay in the English text). */
export function documentTypeTitle(lang: Lang, type: DocumentType, short = false): string {
  return translate(lang, `doctype.${short ? 'short.' : ''}${type}` as MessageKey);
}

/**
 * Any thrown value as error data for the screen. KioskErrors (rebuilt by the API client)
 * keep their code; a failed fetch or a closed bridge is a CONNECTION problem.
 */
export function toUiError(error: unknown): UiErrorData {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' && 'message' in error && typeof error.message === 'string') {
    const hint = 'hint' in error && typeof error.hint === 'string' ? error.hint : undefined;
    const details = 'details' in error && typeof error.details === 'object' && error.details !== null ? (error.details as UiErrorData['details']) : undefined;
    return { code: error.code, message: error.message, hint, ...(details === undefined ? {} : { details }) };
  }
  if (error instanceof TypeError) return { code: 'CONNECTION', message: error.message };
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}

/** ISO date (YYYY-MM-DD) as Indonesians write it: dd-mm-yyyy. Anything else is shown as given. */
export function formatDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return match === null ? iso : `${match[3]}-${match[2]}-${match[1]}`;
}

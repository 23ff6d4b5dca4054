import { describe, expect, expectTypeOf, it } from 'vitest';
import { ERROR_CODES, type ErrorCode } from '../../core/errors.ts';
import { en } from './en.ts';
import { id, type Catalogue } from './id.ts';
import { DOCUMENT_CATALOGUE, DOCUMENT_TYPES } from '../../core/documents.ts';
import { attemptsLeft, CATALOGUES, describeError, documentTypeTitle, formatDate, staffCode, toUiError, translate } from './index.ts';

describe('catalogues', () => {
  it('English and Indonesian have exactly the same keys (checked by type and at run time)', () => {
    expectTypeOf(en).toEqualTypeOf<Catalogue>();
    expectTypeOf<keyof typeof en>().toEqualTypeOf<keyof typeof id>();
    expect(Object.keys(en).sort()).toEqual(Object.keys(id).sort());
  });

  it('has no empty text, and both languages use the same placeholders per key', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(id) as (keyof typeof id)[]) {
      if (!key.endsWith('.hint')) {
        expect(id[key], key).not.toBe('');
        expect(en[key], key).not.toBe('');
      }
      expect(placeholders(en[key]), key).toEqual(placeholders(id[key]));
    }
  });

  it('shows the wording the kiosk promises in Indonesian', () => {
    expect(translate('id', 'attract.welcome')).toBe('Selamat datang di Anjungan Dukcapil Mandiri');
    expect(translate('id', 'attract.instruction')).toBe('Tempelkan e-KTP Anda pada pembaca kartu.');
    expect(translate('id', 'idle.warning', { seconds: 9 })).toBe('Sesi akan berakhir dalam 9 detik. Sentuh layar untuk melanjutkan.');
    expect(translate('id', 'done.title')).toBe('Dokumen Anda sudah dicetak');
    expect(translate('id', 'choosing.greeting', { name: 'SITI AMINAH' })).toBe('Selamat datang, Bapak/Ibu SITI AMINAH');
    expect(translate('en', 'choosing.greeting', { name: 'SITI AMINAH' })).toBe('Welcome, SITI AMINAH');
    expect(translate('id', 'help.footer')).toBe('Butuh bantuan? Hubungi petugas.');
  });
});

describe('error codes in words', () => {
  it('every error code the kiosk defines has a message and a hint entry in both languages', () => {
    for (const code of Object.keys(ERROR_CODES) as ErrorCode[]) {
      for (const catalogue of Object.values(CATALOGUES)) {
        expect(Object.keys(catalogue), code).toContain(`error.${code}`);
        expect(Object.keys(catalogue), code).toContain(`error.${code}.hint`);
      }
    }
  });

  it('maps a code to the catalogue, not the server’s English', () => {
    const paper = { code: 'PRINTER_PAPER_END', message: 'The printer is out of paper', hint: 'Load paper.' };
    expect(describeError('id', paper)).toEqual({ message: 'Kertas habis.', hint: 'Mohon hubungi petugas.' });
    expect(describeError('en', paper)).toEqual({ message: 'The printer is out of paper.', hint: 'Please ask the staff.' });
    expect(describeError('id', { code: 'PIN_USED', message: 'used' }).message).toBe('PIN ini sudah pernah digunakan.');
    expect(describeError('id', { code: 'PIN_LOCKED', message: 'locked' }).message).toBe('PIN diblokir karena terlalu sering salah.');
  });

  it('falls back to the server’s message and hint for a code the catalogue does not know', () => {
    const unknown = { code: 'PRINTER_HEAD_HOT', message: 'The print head is too hot', hint: 'Wait five minutes.' };
    expect(describeError('id', unknown)).toEqual({ message: 'The print head is too hot', hint: 'Wait five minutes.' });
    expect(describeError('id', { code: 'SOMETHING_NEW', message: 'New failure' })).toEqual({ message: 'New failure', hint: null });
  });

  it('says the attempts left after a wrong PIN from the structured details, never from the message text', () => {
    expect(attemptsLeft({ code: 'PIN_INVALID', message: 'x', details: { attemptsLeft: 2 } })).toBe(2);
    expect(attemptsLeft({ code: 'PIN_INVALID', message: 'wrong PIN, 4 attempts left' })).toBeNull();
    expect(describeError('id', { code: 'PIN_INVALID', message: 'does not match', details: { attemptsLeft: 1 } }).message).toBe('PIN salah. Sisa percobaan: 1 kali.');
    expect(describeError('en', { code: 'PIN_INVALID', message: 'does not match', details: { attemptsLeft: 0 } }).message).toBe('Wrong PIN. Attempts left: 0.');
    // A registry whose English says a number but whose details do not: the screen states no number.
    expect(describeError('id', { code: 'PIN_INVALID', message: 'wrong PIN, 1 attempt left' }).message).toBe('PIN salah.');
    expect(describeError('id', { code: 'PIN_INVALID', message: 'does not match' }).message).toBe('PIN salah.');
  });

  it('turns thrown values into error data: kiosk errors keep their code, a failed fetch is a connection problem', () => {
    expect(toUiError(Object.assign(new Error('used'), { code: 'PIN_USED', hint: 'new PIN' }))).toEqual({ code: 'PIN_USED', message: 'used', hint: 'new PIN' });
    expect(toUiError(new TypeError('Failed to fetch')).code).toBe('CONNECTION');
    expect(toUiError('boom')).toEqual({ code: 'INTERNAL', message: 'boom' });
  });
});

describe('document names and staff codes', () => {
  it('names every document type in both languages, the official Indonesian name kept in the English', () => {
    for (const type of DOCUMENT_TYPES) {
      expect(documentTypeTitle('id', type)).toBe(DOCUMENT_CATALOGUE[type].title === 'Kartu Tanda Penduduk Elektronik' ? 'KTP Elektronik' : DOCUMENT_CATALOGUE[type].title);
      expect(documentTypeTitle('en', type)).not.toBe('');
      expect(documentTypeTitle('id', type, true)).toBe(DOCUMENT_CATALOGUE[type].shortTitle);
    }
    expect(documentTypeTitle('en', 'kk')).toBe('Family Card (KK)');
  });

  it('shows a code to the staff for faults, none for the resident’s own PIN mistakes', () => {
    expect(staffCode({ code: 'PIN_INVALID', message: 'x' })).toBeNull();
    expect(staffCode({ code: 'PIN_LOCKED', message: 'x' })).toBeNull();
    expect(staffCode({ code: 'PRINTER_PAPER_END', message: 'x' })).toBe('PRINTER_PAPER_END');
    expect(staffCode({ code: 'SOMETHING_NEW', message: 'x' })).toBe('SOMETHING_NEW');
  });
});

describe('formatDate', () => {
  it('writes ISO dates as dd-mm-yyyy', () => {
    expect(formatDate('2024-03-05')).toBe('05-03-2024');
    expect(formatDate('not a date')).toBe('not a date');
  });
});

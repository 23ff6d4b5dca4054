import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { CARD_FAULT_CODES } from '../../../device-drivers/card-reader/card-fault.ts';
import type { KioskApi } from '../../api/contract.ts';
import type { ErrorCode } from '../../core/errors.ts';
import { I18nProvider } from '../i18n/react.ts';
import { LANGS, type Lang } from '../i18n/index.ts';
import { ErrorScreen } from './ErrorScreen.tsx';

/**
 * The error screen as the kiosk reaches it: a card that could not be read (every code the
 * card reader can end a read with, and the registry's refusals of a card), and a print that
 * failed with what became of the PIN. In both languages each one says what happened in the
 * catalogue's words, what to do next in one sentence, and offers a way on.
 */
const common = { api: {} as KioskApi, run: () => Promise.resolve(true), busy: false, countdown: { timeLeftMs: 12_000, receivedAt: 0 } };

function html(element: ReactElement, lang: Lang): string {
  return renderToStaticMarkup(
    <I18nProvider lang={lang} setLang={() => undefined}>
      {element}
    </I18nProvider>,
  );
}

function textOf(markup: string, testId: string): string | null {
  const match = new RegExp(`<(\\w+)\\b[^>]*data-testid="${testId}"[^>]*>(.*?)</\\1>`).exec(markup);
  return match?.[2] === undefined ? null : match[2].replace(/<[^>]+>/g, '').replace(/&quot;/g, '"').replace(/&#x27;/g, "'");
}

const sentences = (text: string) => text.match(/[.!?](\s|$)/g)?.length ?? 0;

/** The words the server sent: the screen must not fall back to them (they are English, for the log). */
const SERVER_WORDS = 'server words for the log';

describe('error screen: a card that could not be read', () => {
  const cardCodes: ErrorCode[] = [...new Set(Object.values(CARD_FAULT_CODES)), 'RESIDENT_NOT_FOUND', 'CARD_MISMATCH'];
  /** What the resident can do alone (tap again, use the right card): no code for the staff. */
  const ownDoing = new Set<ErrorCode>(['CARD_READ_FAILED', 'CARD_NOT_EKTP', 'CARD_REMOVED_DURING_READ']);

  it('lists every failed read the card reader can report (the simulated reader stages each one)', () => {
    expect(cardCodes).toEqual(['CARD_NOT_EKTP', 'CARD_BLOCKED', 'CARD_REMOVED_DURING_READ', 'CARD_AUTH_FAILED', 'CARD_READER_SAM_LOCKED', 'CARD_READ_FAILED', 'RESIDENT_NOT_FOUND', 'CARD_MISMATCH']);
  });

  for (const code of cardCodes) {
    it(`${code}: what happened and one sentence of what to do, in Indonesian and English, a picture of the card, the way back`, () => {
      const said: Record<string, string> = {};
      for (const lang of LANGS) {
        const markup = html(<ErrorScreen state={{ step: 'error', error: { code, message: SERVER_WORDS, hint: SERVER_WORDS }, pin: null }} {...common} />, lang);
        const message = /<p class="error-body__message">(.*?)<\/p>/.exec(markup)?.[1] ?? '';
        const instruction = textOf(markup, 'instruction') ?? '';
        expect(markup, lang).not.toContain(SERVER_WORDS);
        expect(message.length, `${code} ${lang} message`).toBeGreaterThan(10);
        expect(sentences(instruction), `${code} ${lang}: "${instruction}"`).toBe(1);
        // A next step, not only a report: tap again, use another card, go to the counter or ask the staff.
        expect(instruction, `${code} ${lang}`).toMatch(lang === 'id' ? /tempel|petugas|loket|gunakan/i : /place|staff|counter|use/i);
        expect(markup).toMatch(/data-testid="home-button"(?![^>]*disabled)/);
        expect(markup).not.toContain('data-testid="pin-fate"');
        expect(textOf(markup, 'staff-code'), `${code} ${lang} staff code`).toBe(ownDoing.has(code) ? null : lang === 'id' ? `Kode untuk petugas: ${code}` : `Code for the staff: ${code}`);
        said[lang] = `${message} ${instruction}`;
      }
      expect(said['id']).not.toBe(said['en']);
      const picture = /data-kind="([^"]+)"/.exec(html(<ErrorScreen state={{ step: 'error', error: { code, message: 'x' }, pin: null }} {...common} />, 'id'))?.[1];
      expect(picture).toBe(code.startsWith('CARD_') ? 'card-problem' : 'help');
    });
  }
});

describe('error screen: a print that failed, and the PIN', () => {
  const fates = {
    'still-valid': { id: /^PIN Anda masih berlaku: /, en: /^Your PIN is still valid: / },
    spent: { id: /mintalah PIN baru kepada petugas\.$/, en: /ask the staff for a new PIN\.$/ },
    'needs-review': { id: /PIN Anda ditahan sampai petugas memeriksanya/, en: /your PIN is held until the staff have checked/ },
  } as const;

  for (const [pin, words] of Object.entries(fates) as [keyof typeof fates, (typeof fates)[keyof typeof fates]][]) {
    it(`${pin}: says so in each language, beside what happened and what to do`, () => {
      for (const lang of LANGS) {
        const markup = html(<ErrorScreen state={{ step: 'error', error: { code: 'PRINT_CANCELLED', message: 'cancelled' }, pin }} {...common} />, lang);
        expect(textOf(markup, 'pin-fate')).toMatch(words[lang]);
        expect(textOf(markup, 'instruction')).toBe(lang === 'id' ? 'Mohon hubungi petugas untuk memperbaiki printer.' : 'Please ask the staff to fix the printer.');
        expect(/data-kind="([^"]+)"/.exec(markup)?.[1]).toBe('printer-fault');
      }
    });
  }

  it('no PIN involved (null): nothing is said about one', () => {
    const markup = html(<ErrorScreen state={{ step: 'error', error: { code: 'CARD_BLOCKED', message: 'x' }, pin: null }} {...common} />, 'id');
    expect(markup).not.toContain('PIN');
  });
});

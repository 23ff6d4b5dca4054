import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Availability } from '../../api/contract.ts';
import { I18nProvider } from '../i18n/react.ts';
import type { Lang } from '../i18n/index.ts';
import { OutOfService } from './OutOfService.tsx';

const availability: Availability = {
  inService: false,
  problems: [
    { part: 'printer', error: { code: 'PRINTER_DISCONNECTED', message: 'The serial port /dev/ttyUSB0 cannot be opened.' } },
    { part: 'card-reader', error: { code: 'CARD_READER_ERROR', message: 'The card reader is not connected.' } },
  ],
};

function html(lang: Lang): string {
  return renderToStaticMarkup(
    <I18nProvider lang={lang} setLang={() => undefined}>
      <OutOfService availability={availability} />
    </I18nProvider>,
  );
}

describe('out-of-service screen', () => {
  it('names each part that is down with its code and one sentence, in Indonesian and English at once', () => {
    const markup = html('id');
    expect(markup).toContain('data-testid="screen-out-of-service"');
    expect(markup).toContain('Anjungan sedang tidak dapat digunakan');
    expect(markup).toContain('This kiosk is out of service');
    expect(markup).toContain('Sambungan ke printer terputus.');
    expect(markup).toContain('The connection to the printer was lost.');
    expect(markup).toContain('Pembaca kartu');
    expect(markup).toContain('Kode untuk petugas: PRINTER_DISCONNECTED');
    expect(markup).toContain('Code for the staff: CARD_READER_ERROR');
    // The technical message (a device path) is for the application log, not the resident.
    expect(markup).not.toContain('/dev/ttyUSB0');
  });

  it('a picture, one instruction (ask the staff) in the chosen language, and that the screen comes back by itself', () => {
    const markup = html('id');
    expect(markup).toMatch(/<svg[^>]*aria-label="Gambar: anjungan dengan tanda sedang diperbaiki"[^>]*data-kind="out-of-service"/);
    expect([...markup.matchAll(/data-testid="instruction"/g)]).toHaveLength(1);
    expect(markup).toMatch(/data-testid="instruction">Silakan hubungi petugas untuk dilayani\.</);
    expect(markup).toContain('Layar ini kembali seperti biasa dengan sendirinya setelah anjungan siap.');
    expect(markup).toContain('This screen returns to normal by itself once the kiosk is ready.');
  });

  it('the language chosen with the toggle comes first, as the heading; the other follows', () => {
    const order = (markup: string) => [...markup.matchAll(/data-testid="out-of-service-(id|en)"/g)].map((m) => m[1]);
    expect(order(html('id'))).toEqual(['id', 'en']);
    const english = html('en');
    expect(order(english)).toEqual(['en', 'id']);
    expect(english).toMatch(/<h1[^>]*>This kiosk is out of service<\/h1>/);
    expect(english).toMatch(/<h2[^>]*>Anjungan sedang tidak dapat digunakan<\/h2>/);
    expect(english).toMatch(/data-testid="instruction">Please ask the staff for help\.</);
  });
});

import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { OutOfService } from './OutOfService.tsx';

describe('out-of-service screen', () => {
  it('names each part that is down with its code and one sentence, in Indonesian and English at once', () => {
    const markup = renderToStaticMarkup(
      <OutOfService
        availability={{
          inService: false,
          problems: [
            { part: 'printer', error: { code: 'PRINTER_DISCONNECTED', message: 'The serial port /dev/ttyUSB0 cannot be opened.' } },
            { part: 'card-reader', error: { code: 'CARD_READER_ERROR', message: 'The card reader is not connected.' } },
          ],
        }}
      />,
    );
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
});

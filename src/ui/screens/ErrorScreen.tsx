import type { ReactNode } from 'react';
import { AutoReturn } from '../components/IdleWarning.tsx';
import { Illustration, type IllustrationKind } from '../components/Illustration.tsx';
import { staffCode } from '../i18n/index.ts';
import { useI18n } from '../i18n/react.ts';
import type { ScreenProps } from '../screen-props.ts';

/** The picture beside the words: the card for a card that could not be read, the printer for a print that failed, else help. */
function pictureFor(code: string): IllustrationKind {
  if (code.startsWith('CARD_') && !code.startsWith('CARD_READER_')) return 'card-problem';
  if (code === 'CARD_READER_SAM_LOCKED') return 'card-problem';
  if (code.startsWith('PRINTER_') || code.startsWith('PRINT_')) return 'printer-fault';
  return 'help';
}

/**
 * The session ended on an error: what happened in words, the one thing to do, what became of
 * the resident's PIN when a print was involved (the session view's `pin`: "PIN Anda masih
 * berlaku" when it was released), the code small for the staff, and the way back.
 */
export function ErrorScreen(props: ScreenProps<'error'>): ReactNode {
  const { t, describe } = useI18n();
  const { error, pin } = props.state;
  const text = describe(error);
  const code = staffCode(error);
  return (
    <section className="screen screen--center" aria-labelledby="error-title" data-testid="screen-error">
      <Illustration kind={pictureFor(error.code)} />
      <h1 id="error-title" className="screen__title">
        {t('error.title')}
      </h1>
      <div className="error-body" role="alert" data-testid="session-error" data-error-code={error.code}>
        <p className="error-body__message">{text.message}</p>
        <p className="instruction" data-testid="instruction">
          {text.hint ?? t('error.defaultHint')}
        </p>
        {pin !== null && (
          <p className={`error-body__pin is-${pin}`} data-testid="pin-fate" data-pin={pin}>
            {t(`pin.${pin}`)}
          </p>
        )}
      </div>
      {code !== null && (
        <p className="staff-code" data-testid="staff-code">
          {t('error.staffCode', { code })}
        </p>
      )}
      <div className="actions">
        <button type="button" className="button button--primary" data-testid="home-button" disabled={props.busy} onClick={() => void props.run(() => props.api.back({}))}>
          {t('error.home')}
        </button>
      </div>
      <AutoReturn countdown={props.countdown} />
    </section>
  );
}

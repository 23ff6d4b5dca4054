import type { ReactNode } from 'react';
import { AutoReturn } from '../components/IdleWarning.tsx';
import { Illustration } from '../components/Illustration.tsx';
import { staffCode } from '../i18n/index.ts';
import { useI18n } from '../i18n/react.ts';
import type { ScreenProps } from '../screen-props.ts';

/** What happened to the resident's PIN after a failed print; the contract adds it to the error step. */
export type PinFate = 'still-valid' | 'spent' | 'needs-review';

/**
 * The session ended on an error: what happened in words, the one thing to do, what became of
 * the PIN (once the session view says), the code small for the staff, and the way back.
 */
export function ErrorScreen(props: ScreenProps<'error'> & { pin?: PinFate | null }): ReactNode {
  const { t, describe } = useI18n();
  const { error } = props.state;
  const text = describe(error);
  const code = staffCode(error);
  return (
    <section className="screen screen--center" aria-labelledby="error-title" data-testid="screen-error">
      <Illustration kind="help" />
      <h1 id="error-title" className="screen__title">
        {t('error.title')}
      </h1>
      <div className="error-body" role="alert" data-testid="session-error" data-error-code={error.code}>
        <p className="error-body__message">{text.message}</p>
        <p className="instruction" data-testid="instruction">
          {text.hint ?? t('error.defaultHint')}
        </p>
        {props.pin !== undefined && props.pin !== null && (
          <p className="error-body__pin" data-testid="pin-fate">
            {t(`pin.${props.pin}`)}
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

import type { ReactNode } from 'react';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { Spinner } from '../components/Spinner.tsx';
import type { UiErrorData } from '../i18n/index.ts';
import { useI18n } from '../i18n/react.ts';

/** Before the first session view arrives: connecting, or why the kiosk cannot start, with a retry. */
export function Startup(props: { error: UiErrorData | null; onRetry: () => void }): ReactNode {
  const { t } = useI18n();
  if (props.error === null) {
    return (
      <section className="screen screen--center" aria-busy="true" data-testid="screen-connecting">
        <Spinner />
        <p>{t('common.pleaseWait')}</p>
      </section>
    );
  }
  return (
    <section className="screen screen--center" aria-labelledby="startup-title" data-testid="screen-startup-error">
      <h1 id="startup-title" className="screen__title">
        {t('startup.title')}
      </h1>
      <ErrorNotice error={props.error} testId="startup-error" />
      <div className="actions">
        <button type="button" className="button button--primary" onClick={props.onRetry}>
          {t('common.retry')}
        </button>
      </div>
    </section>
  );
}

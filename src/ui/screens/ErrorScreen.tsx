import type { ReactNode } from 'react';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { useI18n } from '../i18n/react.ts';
import type { ScreenProps } from '../screen-props.ts';

export function ErrorScreen(props: ScreenProps<'error'>): ReactNode {
  const { t } = useI18n();
  return (
    <section className="screen screen--center" aria-labelledby="error-title" data-testid="screen-error">
      <h1 id="error-title" className="screen__title">
        {t('error.title')}
      </h1>
      <ErrorNotice error={props.state.error} testId="session-error" />
      <div className="actions">
        <button type="button" className="button button--primary" data-testid="home-button" disabled={props.busy} onClick={() => void props.run(() => props.api.back({}))}>
          {t('error.home')}
        </button>
      </div>
    </section>
  );
}

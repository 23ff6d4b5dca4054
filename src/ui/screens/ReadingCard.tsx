import type { ReactNode } from 'react';
import { Illustration } from '../components/Illustration.tsx';
import { Spinner } from '../components/Spinner.tsx';
import { useI18n } from '../i18n/react.ts';
import type { ScreenProps } from '../screen-props.ts';

export function ReadingCard(props: ScreenProps<'reading-card'>): ReactNode {
  const { t } = useI18n();
  return (
    <section className="screen screen--center" aria-labelledby="reading-title" aria-busy="true" data-testid="screen-reading-card">
      <Illustration kind="card" className="illustration--large" />
      <div className="loading-line">
        <Spinner size="small" />
        <h1 id="reading-title" className="screen__title">
          {t('reading.title')}
        </h1>
      </div>
      <p className="instruction" data-testid="instruction">
        {t('reading.instruction')}
      </p>
      <div className="actions">
        <button type="button" className="button button--secondary" data-testid="cancel-button" disabled={props.busy} onClick={() => void props.run(() => props.api.endSession({}))}>
          {t('common.cancel')}
        </button>
      </div>
    </section>
  );
}

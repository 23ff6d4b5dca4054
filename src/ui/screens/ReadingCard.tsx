import type { ReactNode } from 'react';
import { Spinner } from '../components/Spinner.tsx';
import { useI18n } from '../i18n/react.ts';
import type { ScreenProps } from '../screen-props.ts';

export function ReadingCard(props: ScreenProps<'reading-card'>): ReactNode {
  const { t } = useI18n();
  return (
    <section className="screen screen--center" aria-labelledby="reading-title" aria-busy="true" data-testid="screen-reading-card">
      <Spinner />
      <h1 id="reading-title" className="screen__title">
        {t('reading.title')}
      </h1>
      <p>{t('reading.hint')}</p>
      <div className="actions">
        <button type="button" className="button button--secondary" disabled={props.busy} onClick={() => void props.run(() => props.api.endSession({}))}>
          {t('common.cancel')}
        </button>
      </div>
    </section>
  );
}

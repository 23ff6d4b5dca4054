import type { ReactNode } from 'react';
import { AutoReturn } from '../components/IdleWarning.tsx';
import { Illustration } from '../components/Illustration.tsx';
import { useI18n } from '../i18n/react.ts';
import type { ScreenProps } from '../screen-props.ts';

/** Printed: take the paper (where it comes out), take the e-KTP, then another document or finish. */
export function Done(props: ScreenProps<'done'>): ReactNode {
  const { t } = useI18n();
  const { state, api, run } = props;
  const others = state.documents.filter((d) => d.id !== state.documentId).length;
  return (
    <section className="screen screen--center" aria-labelledby="done-title" data-testid="screen-done">
      <Illustration kind="done" className="illustration--large" />
      <h1 id="done-title" className="screen__title">
        {t('done.title')}
      </h1>
      <p className="instruction" data-testid="instruction">
        {t('done.instruction')}
      </p>
      <p className="reminder" data-testid="card-reminder">
        <svg className="reminder__icon" viewBox="0 0 48 32" aria-hidden="true">
          <rect x="2" y="2" width="44" height="28" rx="4" fill="#dbe8ff" stroke="currentColor" strokeWidth="3" />
          <rect x="7" y="8" width="10" height="13" rx="2" fill="currentColor" />
          <rect x="21" y="9" width="20" height="3.5" rx="1.5" fill="currentColor" />
          <rect x="21" y="16" width="15" height="3.5" rx="1.5" fill="currentColor" />
        </svg>
        {t('done.card')}
      </p>
      {state.pageCount > 0 && <p className="screen__sub">{t('done.pages', { count: state.pageCount })}</p>}
      <div className="actions">
        {others > 0 && (
          <button type="button" className="button button--secondary" data-testid="print-another-button" disabled={props.busy} onClick={() => void run(() => api.back({}))}>
            {t('done.another')}
          </button>
        )}
        <button type="button" className="button button--primary" data-testid="finish-button" disabled={props.busy} onClick={() => void run(() => api.endSession({}))}>
          {t('common.finish')}
        </button>
      </div>
      <AutoReturn countdown={props.countdown} />
    </section>
  );
}

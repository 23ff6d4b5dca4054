import type { ReactNode } from 'react';
import { useI18n } from '../i18n/react.ts';
import type { ScreenProps } from '../screen-props.ts';

export function Done(props: ScreenProps<'done'>): ReactNode {
  const { t } = useI18n();
  const { state, api, run } = props;
  const others = state.documents.filter((d) => d.id !== state.documentId).length;
  return (
    <section className="screen screen--center" aria-labelledby="done-title" data-testid="screen-done">
      <svg className="done-mark" viewBox="0 0 100 100" aria-hidden="true">
        <circle cx="50" cy="50" r="46" fill="#1a7f37" />
        <path d="M28 52 L44 68 L74 36" fill="none" stroke="#ffffff" strokeWidth="10" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      <h1 id="done-title" className="screen__title">
        {t('done.title')}
      </h1>
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
    </section>
  );
}

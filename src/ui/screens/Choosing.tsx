import type { ReactNode } from 'react';
import { DocumentButton } from '../components/DocumentButton.tsx';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { useI18n } from '../i18n/react.ts';
import type { ScreenProps } from '../screen-props.ts';

/** The resident's print-ready documents, one large button each. */
export function Choosing(props: ScreenProps<'choosing'>): ReactNode {
  const { t } = useI18n();
  const { state, api, run } = props;
  return (
    <section className="screen" aria-labelledby="choosing-title" data-testid="screen-choosing">
      <header className="screen__header">
        <h1 id="choosing-title" className="screen__title">
          {t('choosing.greeting', { name: state.resident.name })}
        </h1>
        <p className="screen__sub">{t('choosing.nik', { nik: state.resident.nikMasked })}</p>
      </header>
      {state.notice !== null && <ErrorNotice error={state.notice} testId="choosing-notice" />}
      {state.documents.length === 0 ? (
        <div className="empty">
          <p>{t('choosing.empty')}</p>
          <p className="screen__sub">{t('choosing.emptyHint')}</p>
        </div>
      ) : (
        <>
          <p>{t('choosing.instruction')}</p>
          <ul className="document-list">
            {state.documents.map((document) => (
              <li key={document.id}>
                <DocumentButton document={document} disabled={props.busy} onChoose={() => void run(() => api.chooseDocument({ documentId: document.id }))} />
              </li>
            ))}
          </ul>
        </>
      )}
      <div className="actions">
        <button type="button" className="button button--secondary" data-testid="finish-button" disabled={props.busy} onClick={() => void run(() => api.endSession({}))}>
          {t('common.finish')}
        </button>
      </div>
    </section>
  );
}

import type { ReactNode } from 'react';
import { DocumentButton } from '../components/DocumentButton.tsx';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { Illustration } from '../components/Illustration.tsx';
import { useI18n } from '../i18n/react.ts';
import type { ScreenProps } from '../screen-props.ts';

/** The resident's print-ready documents, one large button each; locked ones marked (as the kiosk lists them). */
export function Choosing(props: ScreenProps<'choosing'>): ReactNode {
  const { t } = useI18n();
  const { state, api, run } = props;
  return (
    <section className="screen screen--choosing" aria-labelledby="choosing-title" data-testid="screen-choosing">
      <header className="screen__header screen__header--with-picture">
        <Illustration kind="documents" className="illustration--header" />
        <div className="screen__header-text">
          <h1 id="choosing-title" className="screen__title">
            {t('choosing.greeting', { name: state.resident.name })}
          </h1>
          <p className="screen__sub">{t('choosing.nik', { nik: state.resident.nikMasked })}</p>
          {state.documents.length > 0 && (
            <p className="instruction" data-testid="instruction">
              {t('choosing.instruction')}
            </p>
          )}
        </div>
      </header>
      {state.notice !== null && <ErrorNotice error={state.notice} testId="choosing-notice" />}
      {state.documents.length === 0 ? (
        <div className="empty">
          <p className="instruction" data-testid="instruction">
            {t('choosing.empty')}
          </p>
          <p className="screen__sub">{t('choosing.emptyHint')}</p>
        </div>
      ) : (
        <ul className="document-list" data-testid="document-list">
          {state.documents.map((document) => (
            <li key={document.id}>
              <DocumentButton
                document={document}
                disabled={props.busy}
                onChoose={() => void run(() => api.chooseDocument({ documentId: document.id }))}
              />
            </li>
          ))}
        </ul>
      )}
      <div className="actions">
        <button type="button" className="button button--secondary" data-testid="finish-button" disabled={props.busy} onClick={() => void run(() => api.endSession({}))}>
          {t('common.finish')}
        </button>
      </div>
    </section>
  );
}

import { useState, type ReactNode } from 'react';
import { documentTitle } from '../components/DocumentButton.tsx';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { PinPad } from '../components/PinPad.tsx';
import { Spinner } from '../components/Spinner.tsx';
import { useI18n } from '../i18n/react.ts';
import type { ScreenProps } from '../screen-props.ts';

/** PIN entry for the chosen document. The digits live only here and are cleared after each try. */
export function Authorizing(props: ScreenProps<'authorizing'>): ReactNode {
  const { t } = useI18n();
  const { state, api, run } = props;
  const [pin, setPin] = useState('');
  const [checking, setChecking] = useState(false);
  const document = state.documents.find((d) => d.id === state.documentId);
  const title = document === undefined ? state.documentId : documentTitle(document);
  const locked = state.error?.code === 'PIN_LOCKED' || state.error?.code === 'PIN_USED';

  const submit = async () => {
    setChecking(true);
    try {
      await run(() => api.submitPin({ pin }));
    } finally {
      setPin('');
      setChecking(false);
    }
  };

  return (
    <section className="screen screen--authorizing" aria-labelledby="authorizing-title" data-testid="screen-authorizing">
      <header className="screen__header">
        <h1 id="authorizing-title" className="screen__title">
          {t('authorizing.title')}
        </h1>
        <p className="screen__sub">{t('authorizing.instruction', { document: title })}</p>
      </header>
      <div className="authorizing__body">
        <div className="authorizing__status">
          {state.error !== null && <ErrorNotice error={state.error} testId="pin-error" />}
          {checking && (
            <p className="loading-line" role="status">
              <Spinner size="small" /> {t('authorizing.checking')}
            </p>
          )}
        </div>
        <PinPad pin={pin} disabled={checking || props.busy || locked} onChange={setPin} onSubmit={() => void submit()} />
      </div>
      <div className="actions">
        <button type="button" className="button button--secondary" data-testid="back-button" disabled={checking || props.busy} onClick={() => void run(() => api.back({}))}>
          {t('common.back')}
        </button>
      </div>
    </section>
  );
}

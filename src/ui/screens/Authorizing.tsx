import { useState, type ReactNode } from 'react';
import { DocumentIcon } from '../components/DocumentButton.tsx';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { Illustration } from '../components/Illustration.tsx';
import { PinPad } from '../components/PinPad.tsx';
import { Spinner } from '../components/Spinner.tsx';
import { documentTypeTitle, formatClockTime } from '../i18n/index.ts';
import { useI18n } from '../i18n/react.ts';
import type { ScreenProps, StateAt } from '../screen-props.ts';

/** The document the PIN is for: its kind and whose it is. */
function ChosenDocument(props: { state: StateAt<'authorizing'> }): ReactNode {
  const { t, lang } = useI18n();
  const document = props.state.documents.find((d) => d.id === props.state.documentId);
  if (document === undefined) return null;
  return (
    <div className="chosen-document" data-testid="chosen-document">
      <DocumentIcon type={document.type} />
      <div>
        <p className="chosen-document__title">{documentTypeTitle(lang, document.type)}</p>
        <p className="chosen-document__subject">{t('document.subject', { name: document.subjectName })}</p>
      </div>
    </div>
  );
}

/**
 * A PIN that can no longer be used (locked after too many wrong tries, or already spent): a
 * screen of its own that says so and what to do, with the ways on; no keypad.
 */
function PinRefused(props: ScreenProps<'authorizing'> & { code: 'PIN_LOCKED' | 'PIN_USED' }): ReactNode {
  const { t, lang } = useI18n();
  const { api, run } = props;
  const locked = props.code === 'PIN_LOCKED';
  // The lock ends by itself: the registry says when (ErrorData.details), never the message's words.
  const until = locked ? formatClockTime(lang, props.state.error?.details?.lockedUntil) : null;
  return (
    <section className="screen screen--center" aria-labelledby="authorizing-title" data-testid="screen-authorizing" data-pin-refused={props.code}>
      <Illustration kind="lock" />
      <h1 id="authorizing-title" className="screen__title">
        {t(locked ? 'locked.title' : 'locked.usedTitle')}
      </h1>
      <p className="instruction" data-testid="instruction">
        {t(locked ? 'locked.instruction' : 'locked.usedInstruction')}
      </p>
      {until !== null && (
        <p className="instruction" data-testid="locked-until">
          {t('locked.until', { time: until })}
        </p>
      )}
      <ChosenDocument state={props.state} />
      <div className="actions">
        <button type="button" className="button button--secondary" data-testid="back-button" disabled={props.busy} onClick={() => void run(() => api.back({}))}>
          {t('locked.another')}
        </button>
        <button type="button" className="button button--primary" data-testid="finish-button" disabled={props.busy} onClick={() => void run(() => api.endSession({}))}>
          {t('common.finish')}
        </button>
      </div>
    </section>
  );
}

/**
 * PIN entry for the chosen document, as many digits as the kiosk says its PIN has. The digits
 * live only here and are cleared after each try.
 */
export function Authorizing(props: ScreenProps<'authorizing'>): ReactNode {
  const { t } = useI18n();
  const { state, api, run } = props;
  const [pin, setPin] = useState('');
  const [checking, setChecking] = useState(false);
  const code = state.error?.code;
  if (code === 'PIN_LOCKED' || code === 'PIN_USED') return <PinRefused {...props} code={code} />;
  // The session view always lists the chosen document (src/core/session.ts); were it missing,
  // the resident gets the way back rather than a keypad of unknown length.
  const length = state.documents.find((d) => d.id === state.documentId)?.pinLength;
  if (length === undefined) {
    return (
      <section className="screen screen--center" aria-labelledby="authorizing-title" data-testid="screen-authorizing">
        <Illustration kind="help" />
        <h1 id="authorizing-title" className="screen__title">
          {t('authorizing.title')}
        </h1>
        <ErrorNotice error={{ code: 'SESSION_STATE', message: 'The chosen document is not in the session view.' }} />
        <p className="instruction" data-testid="instruction">
          {t('choosing.instruction')}
        </p>
        <div className="actions">
          <button type="button" className="button button--primary" data-testid="back-button" disabled={props.busy} onClick={() => void run(() => api.back({}))}>
            {t('common.back')}
          </button>
        </div>
      </section>
    );
  }

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
        <p className="instruction" data-testid="instruction">
          {t('authorizing.instruction', { length })}
        </p>
      </header>
      <div className="authorizing__body">
        <div className="authorizing__side">
          <Illustration kind="keypad" className="illustration--side" />
          <ChosenDocument state={state} />
          {/* Space kept for a message, so nothing moves when one appears. */}
          <div className="authorizing__status" data-testid="pin-status">
            {state.error !== null && <ErrorNotice error={state.error} testId="pin-error" />}
            {checking && (
              <p className="loading-line" role="status">
                <Spinner size="small" /> {t('authorizing.checking')}
              </p>
            )}
          </div>
        </div>
        <PinPad pin={pin} length={length} disabled={checking || props.busy} onChange={setPin} onSubmit={() => void submit()} />
      </div>
      <div className="actions">
        <button type="button" className="button button--secondary" data-testid="back-button" disabled={checking || props.busy} onClick={() => void run(() => api.back({}))}>
          {t('common.back')}
        </button>
      </div>
    </section>
  );
}

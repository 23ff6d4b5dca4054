import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { KioskApi, KioskInfo, SessionView } from '../api/contract.ts';
import { AppFooter, AppHeader, StepIndicator } from './components/AppFrame.tsx';
import { ErrorNotice } from './components/ErrorNotice.tsx';
import { IdleWarning, IDLE_WARNING_MS } from './components/IdleWarning.tsx';
import { DEFAULT_LANG, toUiError, type Lang, type UiErrorData } from './i18n/index.ts';
import { I18nProvider, useI18n } from './i18n/react.ts';
import { installPressedFeedback } from './pressed-feedback.ts';
import { Attract } from './screens/Attract.tsx';
import { Authorizing } from './screens/Authorizing.tsx';
import { Choosing } from './screens/Choosing.tsx';
import { Done } from './screens/Done.tsx';
import { ErrorScreen } from './screens/ErrorScreen.tsx';
import { Previewing } from './screens/Previewing.tsx';
import { Printing } from './screens/Printing.tsx';
import { ReadingCard } from './screens/ReadingCard.tsx';
import { OutOfService } from './screens/OutOfService.tsx';
import { Startup } from './screens/Startup.tsx';
import { StaffArea } from './screens/staff/StaffArea.tsx';

/** At most one `touch()` per this long, unless the idle warning is showing. */
export const TOUCH_THROTTLE_MS = 5_000;
/**
 * The service pushes the view every second while a session is open. When nothing arrives for
 * this long (the event stream is broken, or the kiosk is quiet on attract) the UI asks for the
 * view, so the screen never stays on a session that has ended nor misses one that began.
 */
export const STALE_VIEW_MS = 3_000;

interface Received {
  readonly view: SessionView;
  /** When the view arrived (performance.now()), for counting down between pushes. */
  readonly at: number;
}

/** Steps where the resident is asked to act and the idle warning applies (not the result screens). */
const WARNED_STEPS: ReadonlySet<string> = new Set(['reading-card', 'choosing', 'authorizing', 'previewing']);

/**
 * The renderer's root. The session view pushed by the kiosk is the only source of what is
 * shown; the UI keeps no resident data of its own beyond the screen that shows it, and
 * screen state is keyed so it is dropped at every step change.
 */
export function App(props: { api: KioskApi; startupError?: UiErrorData }): ReactNode {
  const [lang, setLang] = useState<Lang>(DEFAULT_LANG);
  // Each resident starts in Indonesian: the choice of the previous one ends with their session.
  const resetLang = useCallback(() => setLang(DEFAULT_LANG), []);
  useEffect(() => installPressedFeedback(document), []);
  return (
    <I18nProvider lang={lang} setLang={setLang}>
      <Shell api={props.api} startupError={props.startupError ?? null} onAttract={resetLang} />
    </I18nProvider>
  );
}

function Shell(props: { api: KioskApi; startupError: UiErrorData | null; onAttract: () => void }): ReactNode {
  const { api, onAttract } = props;
  const { lang } = useI18n();
  const [largeText, setLargeText] = useState(false);
  const [received, setReceived] = useState<Received | null>(null);
  const [info, setInfo] = useState<KioskInfo | null>(null);
  const [startupError, setStartupError] = useState<UiErrorData | null>(props.startupError);
  const [actionError, setActionError] = useState<UiErrorData | null>(null);
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);
  /** The staff sign-in and screens, opened by the hidden gesture on the attract screen only. */
  const [staffOpen, setStaffOpen] = useState(false);
  const openStaff = useCallback(() => setStaffOpen(true), []);
  const closeStaff = useCallback(() => setStaffOpen(false), []);
  const busyRef = useRef(false);
  const lastTouchRef = useRef(0);
  const receivedAtRef = useRef(0);
  const accept = useCallback((view: SessionView) => {
    const at = performance.now();
    receivedAtRef.current = at;
    setReceived({ view, at });
  }, []);

  useEffect(() => {
    if (props.startupError !== null) return undefined;
    let live = true;
    let pushed = false;
    setStartupError(null);
    const off = api.on('session', (view) => {
      pushed = true;
      if (live) accept(view);
    });
    Promise.all([api.getKioskInfo({}), api.getSession({})]).then(
      ([kioskInfo, view]) => {
        if (!live) return;
        setInfo(kioskInfo);
        // A pushed view is newer than the answer to a request sent before it.
        if (!pushed) accept(view);
      },
      (error: unknown) => live && setStartupError(toUiError(error)),
    );
    return () => {
      live = false;
      off();
    };
  }, [api, attempt, props.startupError, accept]);

  const step = received?.view.state.step;
  useEffect(() => {
    // Also on attract, where the service is quiet: a card tapped there must still show up.
    if (step === undefined) return undefined;
    let live = true;
    const timer = setInterval(() => {
      const requestedAt = performance.now();
      if (requestedAt - receivedAtRef.current < STALE_VIEW_MS) return;
      api.getSession({}).then(
        // Applied only if no pushed view arrived while the request was under way.
        (view) => live && receivedAtRef.current < requestedAt && accept(view),
        (error: unknown) => live && setActionError(toUiError(error)),
      );
    }, 1_000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [api, step, accept]);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  useEffect(() => {
    document.documentElement.classList.toggle('large-text', largeText);
  }, [largeText]);

  useEffect(() => {
    // A new step: an error about the previous one no longer applies.
    setActionError(null);
    // Never a staff screen beside a resident's session.
    if (step !== 'attract') setStaffOpen(false);
    // Every session begins at reading-card, also when a card is tapped on the last one's result
    // screen (no attract in between): the new resident starts afresh.
    if (step === 'attract' || step === 'reading-card') {
      onAttract();
      setLargeText(false);
    }
  }, [step, onAttract]);

  const run = useCallback(async (action: () => Promise<unknown>): Promise<boolean> => {
    if (busyRef.current) return false;
    busyRef.current = true;
    setBusy(true);
    setActionError(null);
    try {
      await action();
      return true;
    } catch (error) {
      setActionError(toUiError(error));
      return false;
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  }, []);

  const timeLeftMs = received?.view.timeLeftMs ?? null;
  const countdown = { timeLeftMs, receivedAt: received?.at ?? 0 };
  const onPointerDown = () => {
    if (timeLeftMs === null) return;
    const now = performance.now();
    const warning = timeLeftMs - (now - (received?.at ?? now)) < IDLE_WARNING_MS;
    if (!warning && now - lastTouchRef.current < TOUCH_THROTTLE_MS) return;
    lastTouchRef.current = now;
    api.touch({}).catch((error: unknown) => setActionError(toUiError(error)));
  };

  let screen: ReactNode;
  if (received === null || info === null) {
    screen = <Startup error={startupError} onRetry={() => (props.startupError === null ? setAttempt((n) => n + 1) : window.location.reload())} />;
  } else {
    const state = received.view.state;
    const common = { api, run, busy, countdown };
    switch (state.step) {
      case 'attract':
        // No new session while a part the resident needs is down; back by itself when it returns.
        screen = staffOpen ? (
          <StaffArea key="staff" api={api} info={info} onClose={closeStaff} />
        ) : received.view.availability.inService ? (
          <Attract key="attract" state={state} info={info} onStaff={openStaff} {...common} />
        ) : (
          <OutOfService key="out-of-service" availability={received.view.availability} onStaff={openStaff} />
        );
        break;
      case 'reading-card':
        screen = <ReadingCard key="reading-card" state={state} {...common} />;
        break;
      case 'choosing':
        screen = <Choosing key="choosing" state={state} {...common} />;
        break;
      case 'authorizing':
        screen = <Authorizing key={`authorizing-${state.documentId}`} state={state} {...common} />;
        break;
      case 'previewing':
        screen = <Previewing key={`previewing-${state.documentId}`} state={state} {...common} />;
        break;
      case 'printing':
        screen = <Printing key="printing" state={state} {...common} />;
        break;
      case 'done':
        screen = <Done key="done" state={state} {...common} />;
        break;
      case 'error':
        screen = <ErrorScreen key="error" state={state} {...common} />;
        break;
    }
  }

  // Out of service there are no steps to follow: the screen says to ask the staff.
  const outOfService = step === 'attract' && received?.view.availability.inService === false;
  return (
    <div className={`app${largeText ? ' is-large-text' : ''}`} lang={lang} data-step={outOfService ? 'out-of-service' : (step ?? 'starting')} data-busy={busy} onPointerDown={onPointerDown}>
      <AppHeader />
      {/* The resident's steps mean nothing on a staff screen, nor while the kiosk is out of service. */}
      {!staffOpen && <StepIndicator step={outOfService ? undefined : step} />}
      {actionError !== null && (
        <div className="app__alert">
          <ErrorNotice error={actionError} testId="action-error" onDismiss={() => setActionError(null)} />
        </div>
      )}
      {/* In the larger-text mode a screen may be longer than the display and scrolls. */}
      <main className="app__main" data-scroll={largeText ? '' : undefined} tabIndex={largeText ? 0 : undefined}>
        {screen}
      </main>
      <AppFooter kioskId={info?.kioskId ?? null} largeText={largeText} onLargeText={setLargeText} />
      {step !== undefined && WARNED_STEPS.has(step) && <IdleWarning countdown={countdown} />}
    </div>
  );
}

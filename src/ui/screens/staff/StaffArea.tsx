import { Suspense, useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { KioskApi, KioskInfo, StaffRoleName } from '../../../api/contract.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { PinPad } from '../../components/PinPad.tsx';
import { Spinner } from '../../components/Spinner.tsx';
import { toUiError, type UiErrorData } from '../../i18n/index.ts';
import { useI18n } from '../../i18n/react.ts';
import { STAFF_SCREENS } from './staff-screens.ts';

/** The staff screens close by themselves after this long without a touch (and the token dies on the kiosk too). */
export const STAFF_IDLE_MS = 2 * 60_000;
const STAFF_PIN_MIN = 6;
const STAFF_PIN_MAX = 12;

const ROLE_NAMES = { ops: 'staff.role.ops', technician: 'staff.role.technician' } as const;

type Stage = { readonly step: 'role' } | { readonly step: 'pin'; readonly role: StaffRoleName } | { readonly step: 'open'; readonly role: StaffRoleName; readonly token: string };

/**
 * After the hidden gesture: choose a role, type its PIN (KioskApi.staffSignIn), then the role's
 * screen with its own token (kept in memory only). Closes on "Tutup"/"Keluar", after 2 minutes
 * without a touch, or when the kiosk says the staff session ended; the token is revoked then.
 */
export function StaffArea(props: { api: KioskApi; info: KioskInfo; onClose: () => void }): ReactNode {
  const { t } = useI18n();
  const { api, onClose } = props;
  const [stage, setStage] = useState<Stage>({ step: 'role' });
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UiErrorData | null>(null);
  const lastTouch = useRef(performance.now());
  const tokenRef = useRef<string | null>(null);

  const close = useCallback(() => {
    const token = tokenRef.current;
    tokenRef.current = null;
    setPin('');
    if (token !== null) api.staffSignOut({ token }).catch(() => undefined);
    onClose();
  }, [api, onClose]);

  useEffect(() => {
    const timer = setInterval(() => {
      if (performance.now() - lastTouch.current >= STAFF_IDLE_MS) close();
    }, 1_000);
    return () => clearInterval(timer);
  }, [close]);

  const roles = (Object.keys(STAFF_SCREENS) as StaffRoleName[]).filter((role) => STAFF_SCREENS[role] !== undefined);
  const submit = (role: StaffRoleName) => {
    setBusy(true);
    setError(null);
    api.staffSignIn({ role, pin }).then(
      (grant) => {
        tokenRef.current = grant.token;
        setPin('');
        setStage({ step: 'open', role, token: grant.token });
        setBusy(false);
      },
      (failure: unknown) => {
        setPin('');
        setError(toUiError(failure));
        setBusy(false);
      },
    );
  };

  let body: ReactNode;
  if (stage.step === 'role') {
    body = (
      <div className="staff-card" data-testid="staff-roles">
        <h1 className="screen__title">{t('staff.chooseTitle')}</h1>
        <p>{t('staff.chooseRole')}</p>
        <div className="staff-roles">
          {roles.map((role) => (
            <button key={role} type="button" className="button button--primary" data-testid={`staff-role-${role}`} onClick={() => setStage({ step: 'pin', role })}>
              {t(ROLE_NAMES[role])}
            </button>
          ))}
        </div>
      </div>
    );
  } else if (stage.step === 'pin') {
    body = (
      <div className="staff-card" data-testid="staff-pin">
        <h1 className="screen__title">{t('staff.pinTitle', { role: t(ROLE_NAMES[stage.role]) })}</h1>
        {error !== null && <StaffError error={error} />}
        <PinPad pin={pin} disabled={busy} onChange={setPin} onSubmit={() => submit(stage.role)} length={STAFF_PIN_MAX} minLength={STAFF_PIN_MIN} />
      </div>
    );
  } else {
    const Screen = STAFF_SCREENS[stage.role];
    body =
      Screen === undefined ? null : (
        <Suspense fallback={<Spinner />}>
          <Screen token={stage.token} info={props.info} onEnd={close} />
        </Suspense>
      );
  }

  return (
    <section
      className="staff-area"
      aria-label={t('staff.chooseTitle')}
      data-testid="staff-area"
      data-stage={stage.step}
      onPointerDown={() => {
        lastTouch.current = performance.now();
      }}
    >
      <div className="staff-area__bar">
        <span className="staff-area__note">{t('staff.idleNote')}</span>
        <button type="button" className="button button--secondary" data-testid="staff-close" onClick={close}>
          {stage.step === 'open' ? t('staff.signOut') : t('staff.cancel')}
        </button>
      </div>
      {body}
    </section>
  );
}

function StaffError(props: { error: UiErrorData }): ReactNode {
  const { t } = useI18n();
  const { details } = props.error;
  const extra =
    details?.attemptsLeft !== undefined
      ? t('staff.wrongPin', { count: details.attemptsLeft })
      : details?.lockedUntil !== undefined
        ? t('staff.lockedUntil', { time: new Date(details.lockedUntil).toLocaleTimeString() })
        : null;
  return (
    <div data-testid="staff-error">
      <ErrorNotice error={props.error} testId="staff-error-notice" />
      {extra !== null && <p className="staff-error__extra">{extra}</p>}
    </div>
  );
}

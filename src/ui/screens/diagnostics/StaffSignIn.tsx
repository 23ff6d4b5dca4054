import { useState, type ReactNode } from 'react';
import type { KioskApi } from '../../../api/contract.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { toUiError, type UiErrorData } from '../../i18n/index.ts';
import { useI18n } from '../../i18n/react.ts';

export type StaffRoleName = 'ops' | 'technician';
const MAX_DIGITS = 12;
const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

/**
 * After the hidden gesture: the role chooser (only the roles this kiosk has a screen for),
 * then the staff PIN (6 to 12 digits) on an on-screen keypad. A wrong PIN says how many tries
 * are left; a locked role says until when (the kiosk's own words and code).
 */
export function StaffSignIn(props: { api: KioskApi; roles: readonly StaffRoleName[]; onSignedIn: (role: StaffRoleName, token: string) => void; onCancel: () => void }): ReactNode {
  const { t } = useI18n();
  const [role, setRole] = useState<StaffRoleName | null>(props.roles.length === 1 ? (props.roles[0] ?? null) : null);
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UiErrorData | null>(null);
  const submit = () => {
    if (role === null) return;
    setBusy(true);
    setError(null);
    props.api.staffSignIn({ role, pin }).then(
      (grant) => props.onSignedIn(role, grant.token),
      (failure: unknown) => {
        setError(toUiError(failure));
        setPin('');
        setBusy(false);
      },
    );
  };
  const key = (digit: string) => (
    <button key={digit} type="button" className="button pin-key" data-testid={`staff-key-${digit}`} aria-label={t('staff.digit', { digit })} disabled={busy || pin.length >= MAX_DIGITS} onClick={() => setPin((pin + digit).slice(0, MAX_DIGITS))}>
      {digit}
    </button>
  );
  return (
    <section className="screen screen--staff" aria-labelledby="staff-title" data-testid="screen-staff-sign-in">
      <h1 id="staff-title" className="screen__title">
        {t('staff.title')}
      </h1>
      {role === null ? (
        <div className="actions" role="group" aria-label={t('staff.chooseRole')}>
          {props.roles.map((r) => (
            <button key={r} type="button" className="button button--primary" data-testid={`staff-role-${r}`} onClick={() => setRole(r)}>
              {t(r === 'ops' ? 'staff.role.ops' : 'staff.role.technician')}
            </button>
          ))}
        </div>
      ) : (
        <div className="pin-pad">
          <p className="instruction">{t('staff.pinPrompt', { role: t(role === 'ops' ? 'staff.role.ops' : 'staff.role.technician') })}</p>
          <div className="pin-dots" role="status" aria-live="polite" aria-label={t('staff.pinStatus', { count: pin.length })} data-testid="staff-pin-dots">
            {Array.from({ length: Math.max(6, pin.length) }, (_, i) => (
              <span key={i} className={`pin-dot${i < pin.length ? ' is-filled' : ''}`} aria-hidden="true" />
            ))}
          </div>
          {error !== null && <ErrorNotice error={error} testId="staff-error" />}
          <div className="pin-keys">
            {DIGITS.map(key)}
            <button type="button" className="button button--secondary pin-key pin-key--word" aria-label={t('staff.deleteLabel')} disabled={busy || pin.length === 0} onClick={() => setPin(pin.slice(0, -1))}>
              {t('staff.delete')}
            </button>
            {key('0')}
            <button type="button" className="button button--primary pin-key pin-key--word" data-testid="staff-submit" disabled={busy || pin.length < 6} onClick={submit}>
              {t('staff.signIn')}
            </button>
          </div>
        </div>
      )}
      <div className="actions">
        <button type="button" className="button button--secondary" data-testid="staff-cancel" onClick={props.onCancel}>
          {t('staff.cancel')}
        </button>
      </div>
    </section>
  );
}

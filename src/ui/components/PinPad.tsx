import type { ReactNode } from 'react';
import { useI18n } from '../i18n/react.ts';

export const PIN_MIN = 4;
export const PIN_MAX = 8;
const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

/** Masked PIN dots and an on-screen numeric keypad with large targets. */
export function PinPad(props: { pin: string; disabled: boolean; onChange: (pin: string) => void; onSubmit: () => void }): ReactNode {
  const { t } = useI18n();
  const { pin, disabled } = props;
  const press = (digit: string) => {
    if (pin.length < PIN_MAX) props.onChange(pin + digit);
  };
  const key = (digit: string) => (
    <button
      key={digit}
      type="button"
      className="button pin-key"
      data-testid={`pin-key-${digit}`}
      aria-label={t('authorizing.digit', { digit })}
      disabled={disabled || pin.length >= PIN_MAX}
      onClick={() => press(digit)}
    >
      {digit}
    </button>
  );
  return (
    <div className="pin-pad">
      <div className="pin-dots" role="status" aria-live="polite" aria-label={t('authorizing.pinStatus', { count: pin.length })} data-testid="pin-dots">
        {Array.from({ length: Math.max(PIN_MIN, pin.length) }, (_, i) => (
          <span key={i} className={`pin-dot${i < pin.length ? ' is-filled' : ''}`} aria-hidden="true" />
        ))}
      </div>
      <div className="pin-keys">
        {DIGITS.map(key)}
        <button
          type="button"
          className="button button--secondary pin-key pin-key--delete"
          data-testid="pin-delete"
          aria-label={t('authorizing.deleteLabel')}
          disabled={disabled || pin.length === 0}
          onClick={() => props.onChange(pin.slice(0, -1))}
        >
          {t('authorizing.delete')}
        </button>
        {key('0')}
        <button
          type="button"
          className="button button--primary pin-key pin-key--submit"
          data-testid="pin-submit"
          disabled={disabled || pin.length < PIN_MIN}
          onClick={props.onSubmit}
        >
          {t('authorizing.submit')}
        </button>
      </div>
    </div>
  );
}

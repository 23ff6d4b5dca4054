import type { ReactNode } from 'react';
import { useI18n } from '../i18n/react.ts';

/**
 * The length of a print PIN. Dukcapil's print PINs (and the demo registry's) are 6 digits;
 * the session view does not carry the length, so it is this one constant until it does.
 */
export const PIN_LENGTH = 6;
const DEFAULT_LENGTH = PIN_LENGTH;
const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

/**
 * One dot per digit of the PIN (filled as they are typed), the length in words, and an
 * on-screen numeric keypad. "Lanjut" waits for the whole PIN; keys stop at its length.
 */
export function PinPad(props: {
  pin: string;
  disabled: boolean;
  onChange: (pin: string) => void;
  onSubmit: () => void;
  /** Most digits (default PIN_LENGTH, the print PIN's). */
  length?: number;
  /** Fewest digits "Lanjut" accepts (default: `length`); staff PINs are 6 to 12. */
  minLength?: number;
}): ReactNode {
  const { t } = useI18n();
  const { pin, disabled } = props;
  const PIN_LENGTH = props.length ?? DEFAULT_LENGTH;
  const minLength = props.minLength ?? PIN_LENGTH;
  const full = pin.length >= PIN_LENGTH;
  const enough = pin.length >= minLength;
  const dots = minLength === PIN_LENGTH ? PIN_LENGTH : Math.max(minLength, pin.length);
  const key = (digit: string) => (
    <button
      key={digit}
      type="button"
      className="button pin-key"
      data-testid={`pin-key-${digit}`}
      aria-label={t('authorizing.digit', { digit })}
      disabled={disabled || full}
      onClick={() => props.onChange((pin + digit).slice(0, PIN_LENGTH))}
    >
      {digit}
    </button>
  );
  return (
    <div className="pin-pad">
      <p className="pin-length" data-testid="pin-length">
        {minLength === PIN_LENGTH ? t('authorizing.length', { length: PIN_LENGTH }) : t('staff.pinLength', { min: minLength, max: PIN_LENGTH })}
      </p>
      <div className="pin-dots" role="status" aria-live="polite" aria-label={t('authorizing.pinStatus', { count: pin.length, length: dots })} data-testid="pin-dots">
        {Array.from({ length: dots }, (_, i) => (
          <span key={i} className={`pin-dot${i < pin.length ? ' is-filled' : ''}`} aria-hidden="true" />
        ))}
      </div>
      <div className="pin-keys">
        {DIGITS.map(key)}
        <button
          type="button"
          className="button button--secondary pin-key pin-key--word"
          data-testid="pin-delete"
          aria-label={t('authorizing.deleteLabel')}
          disabled={disabled || pin.length === 0}
          onClick={() => props.onChange(pin.slice(0, -1))}
        >
          {t('authorizing.delete')}
        </button>
        {key('0')}
        <button type="button" className="button button--primary pin-key pin-key--word" data-testid="pin-submit" disabled={disabled || !enough} onClick={props.onSubmit}>
          {t('authorizing.submit')}
        </button>
      </div>
    </div>
  );
}

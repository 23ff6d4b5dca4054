import type { ReactNode } from 'react';
import { useI18n } from '../i18n/react.ts';

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

/**
 * One dot per digit of the PIN (filled as they are typed), the length in words, and an
 * on-screen numeric keypad. "Lanjut" waits for the whole PIN; keys stop at its length.
 * `length` is the document's own PIN length, as the kiosk lists it (`pinLength`).
 */
export function PinPad(props: {
  pin: string;
  /** Most digits: the document's PIN length (`pinLength`), or the staff PIN's longest. */
  length: number;
  /** Fewest digits "Lanjut" accepts (default: `length`); staff PINs are 6 to 12. */
  minLength?: number;
  disabled: boolean;
  onChange: (pin: string) => void;
  onSubmit: () => void;
}): ReactNode {
  const { t } = useI18n();
  const { pin, disabled, length } = props;
  const minLength = props.minLength ?? length;
  const full = pin.length >= length;
  const enough = pin.length >= minLength;
  const dots = minLength === length ? length : Math.max(minLength, pin.length);
  const key = (digit: string) => (
    <button
      key={digit}
      type="button"
      className="button pin-key"
      data-testid={`pin-key-${digit}`}
      aria-label={t('authorizing.digit', { digit })}
      disabled={disabled || full}
      onClick={() => props.onChange((pin + digit).slice(0, length))}
    >
      {digit}
    </button>
  );
  return (
    <div className="pin-pad">
      <p className="pin-length" data-testid="pin-length">
        {minLength === length ? t('authorizing.length', { length }) : t('staff.pinLength', { min: minLength, max: length })}
      </p>
      <div className="pin-dots" role="status" aria-live="polite" aria-label={t('authorizing.pinStatus', { count: pin.length, length: dots })} data-testid="pin-dots" data-length={dots}>
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

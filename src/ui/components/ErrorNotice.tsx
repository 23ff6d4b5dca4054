import type { ReactNode } from 'react';
import { staffCode, type UiErrorData } from '../i18n/index.ts';
import { useI18n } from '../i18n/react.ts';

/**
 * An error in words (what happened, what to do), announced to screen readers. The error code
 * is for the staff, not the resident's text: it is left out for the resident's own mistakes
 * (a wrong PIN) and otherwise shown small under the words.
 */
export function ErrorNotice(props: { error: UiErrorData; onDismiss?: () => void; testId?: string; tone?: 'error' | 'warning' }): ReactNode {
  const { t, describe } = useI18n();
  const text = describe(props.error);
  const code = staffCode(props.error);
  return (
    <div className={`notice notice--${props.tone ?? 'error'}`} role="alert" data-testid={props.testId ?? 'error-notice'} data-error-code={props.error.code}>
      <p className="notice__message">{text.message}</p>
      {text.hint !== null && <p className="notice__hint">{text.hint}</p>}
      {code !== null && (
        <p className="staff-code" data-testid="staff-code">
          {t('error.staffCode', { code })}
        </p>
      )}
      {props.onDismiss !== undefined && (
        <button type="button" className="button button--secondary notice__dismiss" onClick={props.onDismiss}>
          {t('common.dismiss')}
        </button>
      )}
    </div>
  );
}

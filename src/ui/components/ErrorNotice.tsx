import type { ReactNode } from 'react';
import type { UiErrorData } from '../i18n/index.ts';
import { useI18n } from '../i18n/react.ts';

/** An error in words (what happened, what to do), announced to screen readers. */
export function ErrorNotice(props: { error: UiErrorData; onDismiss?: () => void; testId?: string; tone?: 'error' | 'warning' }): ReactNode {
  const { t, describe } = useI18n();
  const text = describe(props.error);
  return (
    <div className={`notice notice--${props.tone ?? 'error'}`} role="alert" data-testid={props.testId ?? 'error-notice'} data-error-code={props.error.code}>
      <p className="notice__message">{text.message}</p>
      {text.hint !== null && <p className="notice__hint">{text.hint}</p>}
      <p className="notice__code">{t('error.codeLabel', { code: props.error.code })}</p>
      {props.onDismiss !== undefined && (
        <button type="button" className="button button--secondary notice__dismiss" onClick={props.onDismiss}>
          {t('common.dismiss')}
        </button>
      )}
    </div>
  );
}

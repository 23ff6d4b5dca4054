import type { ReactNode } from 'react';
import type { CheckLevel, CheckResult } from '../../../diagnostics/report.ts';
import { useI18n } from '../../i18n/react.ts';

export function levelKey(level: CheckLevel): 'tech.level.ok' | 'tech.level.warn' | 'tech.level.broken' {
  return level === 'ok' ? 'tech.level.ok' : level === 'warn' ? 'tech.level.warn' : 'tech.level.broken';
}

/** One check: its level, what was found and, unless it is fine, what to do; long output folded. */
export function CheckRow(props: { check: CheckResult }): ReactNode {
  const { t } = useI18n();
  const { check } = props;
  return (
    <li className={`diag-check diag-level--${check.level}`} data-testid={`diag-check-${check.id}`} data-level={check.level} data-code={check.code}>
      <p className="diag-check__head">
        <span className={`diag-level__badge diag-level__badge--${check.level}`}>{t(levelKey(check.level))}</span> <strong>{check.label}</strong>: <span data-testid="diag-words">{check.words}</span>
      </p>
      {check.level !== 'ok' && (
        <p className="diag-check__todo" data-testid="diag-todo">
          {t('tech.whatToDo', { text: check.whatToDo })}
        </p>
      )}
      {check.lines !== undefined && check.lines.length > 0 && (
        <details className="diag-check__lines">
          <summary>{t('tech.details', { count: check.lines.length })}</summary>
          <pre>{check.lines.join('\n')}</pre>
        </details>
      )}
    </li>
  );
}

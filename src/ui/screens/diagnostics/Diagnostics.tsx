import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { techContract, TECH_PREFIX } from '../../../api/tech-contract.ts';
import { connectStaffApi } from '../../api-client.ts';
import type { DiagReport } from '../../../diagnostics/report.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Spinner } from '../../components/Spinner.tsx';
import { toUiError, type UiErrorData } from '../../i18n/index.ts';
import { useI18n } from '../../i18n/react.ts';
import type { StaffScreenProps } from '../staff/staff-screens.ts';
import { CheckRow, levelKey } from './CheckRow.tsx';

/** The report is asked again this often while the screen is open. */
export const REFRESH_MS = 4_000;

interface ActionResult {
  readonly words: string;
  readonly lines?: readonly string[];
}

/**
 * The technician's diagnostics screen: every check of the report by section (reader, printer,
 * registry, system, log), each with its words and what to do, refreshed every few seconds;
 * and the printer and card reader tests. Never shows a resident's data (the kiosk sends none).
 * The technician's staff screen (StaffArea): signed in with the technician PIN, closed by
 * "Keluar" or after two minutes without a touch (StaffArea), or when the kiosk ends the session.
 */
export function Diagnostics(props: StaffScreenProps): ReactNode {
  const { t } = useI18n();
  const { token, onEnd } = props;
  const tech = useMemo(() => connectStaffApi(techContract, TECH_PREFIX, token), [token]);
  const [report, setReport] = useState<DiagReport | null>(null);
  const [reportError, setReportError] = useState<UiErrorData | null>(null);
  const [running, setRunning] = useState<string | null>(null);
  const [result, setResult] = useState<ActionResult | null>(null);
  const [actionError, setActionError] = useState<UiErrorData | null>(null);
  const endRef = useRef(onEnd);
  endRef.current = onEnd;

  const refresh = useCallback(() => {
    tech.getReport({}).then(
      (next) => {
        setReport(next);
        setReportError(null);
      },
      (error: unknown) => {
        const data = toUiError(error);
        // The staff session ended (idle, signed out elsewhere): the screen closes.
        if (data.code === 'API_UNAUTHORIZED' || data.code === 'STAFF_SESSION_EXPIRED') endRef.current();
        else setReportError(data);
      },
    );
  }, [tech]);

  useEffect(() => {
    refresh();
    const timer = setInterval(refresh, REFRESH_MS);
    return () => clearInterval(timer);
  }, [refresh]);

  const act = (name: string, action: () => Promise<ActionResult>) => {
    if (running !== null) return;
    setRunning(name);
    setResult(null);
    setActionError(null);
    action().then(
      (outcome) => {
        setResult(outcome);
        setRunning(null);
        refresh();
      },
      (error: unknown) => {
        setActionError(toUiError(error));
        setRunning(null);
        refresh();
      },
    );
  };

  const actions: readonly { id: string; label: Parameters<typeof t>[0]; run: () => Promise<ActionResult> }[] = [
    { id: 'test-page', label: 'tech.testPage', run: () => tech.printTestPage({}) },
    {
      id: 'strips',
      label: 'tech.strips',
      run: async () => {
        const out = await tech.printStrips({});
        return { words: out.words, lines: out.strips.map((s) => t('tech.stripLine', { number: s.number, name: s.name, profiles: s.profiles.length === 0 ? t('tech.noProfile') : s.profiles.join(', ') })) };
      },
    },
    { id: 'feed', label: 'tech.feed', run: () => tech.feed({ mm: 20 }) },
    { id: 'cut', label: 'tech.cut', run: () => tech.cut({}) },
    {
      id: 'speed',
      label: 'tech.speedTest',
      run: async () => {
        const out = await tech.speedTest({});
        return { words: out.words, lines: out.level === 'ok' ? [] : [t('tech.whatToDo', { text: out.whatToDo })] };
      },
    },
    {
      id: 'card',
      label: 'tech.cardTest',
      run: async () => {
        const out = await tech.cardTest({ seconds: 15 });
        return { words: out.uidMasked === null ? out.words : `${out.words} (UID ${out.uidMasked})` };
      },
    },
    { id: 'refill-sheets', label: 'tech.refillSheets', run: async () => ({ words: (await tech.paperRefilled({ kind: 'sheets' })).refilledAt }) },
    { id: 'refill-cards', label: 'tech.refillCards', run: async () => ({ words: (await tech.paperRefilled({ kind: 'cards' })).refilledAt }) },
  ];

  return (
    <section className="screen screen--diagnostics" aria-labelledby="tech-title" data-testid="screen-diagnostics">
      <header className="diag__header">
        <h1 id="tech-title" className="screen__title">
          {t('tech.title')}
        </h1>
        {report !== null && (
          <p className={`diag__overall diag-level diag-level--${report.level}`} data-testid="diag-overall" data-level={report.level}>
            {t('tech.overall', { level: t(levelKey(report.level)) })} <span className="diag__time">{t('tech.updated', { time: report.at.slice(11, 19) })}</span>
          </p>
        )}
        <div className="actions">
          <button type="button" className="button button--secondary" data-testid="diag-refresh" onClick={refresh}>
            {t('tech.refresh')}
          </button>
        </div>
      </header>
      {reportError !== null && <ErrorNotice error={reportError} testId="diag-report-error" />}
      {report === null && reportError === null && (
        <p className="loading-line" role="status">
          <Spinner size="small" /> {t('tech.loading')}
        </p>
      )}
      <div className="diag__body">
        {report !== null && (
          <div className="diag__sections">
            {report.sections.map((section) => (
              <section key={section.id} className={`diag-section diag-level--${section.level}`} data-testid={`diag-section-${section.id}`} data-level={section.level} aria-labelledby={`diag-${section.id}`}>
                <h2 id={`diag-${section.id}`} className="diag-section__title">
                  {section.title} <span className={`diag-level__badge diag-level__badge--${section.level}`}>{t(levelKey(section.level))}</span>
                </h2>
                <ul className="diag-checks">
                  {section.checks.map((check) => (
                    <CheckRow key={check.id} check={check} />
                  ))}
                </ul>
              </section>
            ))}
          </div>
        )}
        <aside className="diag__actions" aria-labelledby="tech-actions">
          <h2 id="tech-actions" className="diag-section__title">
            {t('tech.actions')}
          </h2>
          <div className="diag__buttons">
            {actions.map((action) => (
              <button key={action.id} type="button" className="button button--secondary" data-testid={`diag-action-${action.id}`} disabled={running !== null} onClick={() => act(action.id, action.run)}>
                {t(action.label)}
              </button>
            ))}
          </div>
          {running !== null && (
            <p className="loading-line" role="status" data-testid="diag-running">
              <Spinner size="small" /> {t('tech.running')}
            </p>
          )}
          {result !== null && (
            <div className="notice notice--warning diag__result" role="status" data-testid="diag-result">
              <p className="notice__message">{t('tech.result', { words: result.words })}</p>
              {(result.lines ?? []).map((line) => (
                <p key={line} className="notice__hint">
                  {line}
                </p>
              ))}
            </div>
          )}
          {actionError !== null && <ErrorNotice error={actionError} testId="diag-action-error" />}
        </aside>
      </div>
    </section>
  );
}

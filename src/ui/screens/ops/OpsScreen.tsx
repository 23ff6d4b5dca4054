import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { opsContract, OPS_PREFIX, type Drive, type ExportStatus, type OpsOverview } from '../../../api/ops-contract.ts';
import { isDocumentType } from '../../../core/documents.ts';
import { connectStaffApi } from '../../api-client.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { ProgressBar } from '../../components/ProgressBar.tsx';
import { documentTypeTitle, formatDate, toUiError, type UiErrorData } from '../../i18n/index.ts';
import { useI18n } from '../../i18n/react.ts';
import type { StaffScreenProps } from '../staff/staff-screens.ts';
import { StackedDays } from './OpsCharts.tsx';
import { formatBytes, lastMonth, thisMonth, type DayRange } from './ops-range.ts';

/**
 * The ops screen: a range of days, prints per day by document type and failures by code
 * (charts), paper used since the last refill with the refill actions, and the export of the
 * range to a USB drive with its progress, file name and row count. No personal data: the ops
 * API returns counts only.
 */
export function OpsScreen(props: StaffScreenProps): ReactNode {
  const { t, lang } = useI18n();
  const { token, onEnd } = props;
  const ops = useMemo(() => connectStaffApi(opsContract, OPS_PREFIX, token), [token]);
  const [range, setRange] = useState<DayRange>(() => thisMonth(new Date()));
  const [shown, setShown] = useState<DayRange>(range);
  const [overview, setOverview] = useState<OpsOverview | null>(null);
  const [drives, setDrives] = useState<readonly Drive[] | null>(null);
  const [drive, setDrive] = useState<string | null>(null);
  const [exportStatus, setExportStatus] = useState<ExportStatus | null>(null);
  const [error, setError] = useState<UiErrorData | null>(null);

  const fail = useCallback(
    (failure: unknown) => {
      const data = toUiError(failure);
      if (data.code === 'STAFF_SESSION_EXPIRED') onEnd();
      else setError(data);
    },
    [onEnd],
  );

  useEffect(() => {
    let live = true;
    setError(null);
    ops.getOverview(shown).then((value) => live && setOverview(value), (failure: unknown) => live && fail(failure));
    return () => {
      live = false;
    };
  }, [ops, shown, fail]);

  const findDrives = useCallback(() => {
    ops.listDrives({}).then((list) => {
      setDrives(list);
      setDrive((current) => (list.some((d) => d.path === current) ? current : (list[0]?.path ?? null)));
    }, fail);
  }, [ops, fail]);
  useEffect(findDrives, [findDrives]);

  const running = exportStatus?.state === 'running';
  useEffect(() => {
    if (!running) return undefined;
    const timer = setInterval(() => {
      ops.getExport({}).then((status) => {
        setExportStatus(status);
        if (status?.state === 'done') ops.getOverview(shown).then(setOverview, fail);
      }, fail);
    }, 300);
    return () => clearInterval(timer);
  }, [ops, running, shown, fail]);

  const refill = (kind: 'sheets' | 'cards') => {
    ops.refillPaper({ kind }).then((paper) => setOverview((current) => (current === null ? current : { ...current, paper })), fail);
  };
  const startExport = () => {
    if (drive === null) return;
    setError(null);
    ops.startExport({ from: shown.from, to: shown.to, drive, bom: true }).then(setExportStatus, fail);
  };

  const types = useMemo(() => [...new Set(overview?.days.flatMap((d) => Object.keys(d.printed)) ?? [])].sort(), [overview]);
  const typeLabel = useCallback((type: string) => (isDocumentType(type) ? documentTypeTitle(lang, type, true) : type), [lang]);
  const codeLabel = useCallback((code: string) => code, []);
  const refilled = (at: string | null) => (at === null ? t('ops.neverRefilled') : t('ops.refilledAt', { time: new Date(at).toLocaleString() }));

  return (
    <div className="ops" data-testid="ops-screen">
      <h1 className="screen__title">{t('ops.title', { kioskId: props.info.kioskId })}</h1>
      {error !== null && <ErrorNotice error={error} testId="ops-error" onDismiss={() => setError(null)} />}

      <fieldset className="ops-range">
        <legend>{t('ops.range')}</legend>
        <label>
          {t('ops.from')} <input type="date" value={range.from} data-testid="ops-from" onChange={(e) => setRange({ ...range, from: e.target.value })} />
        </label>
        <label>
          {t('ops.to')} <input type="date" value={range.to} data-testid="ops-to" onChange={(e) => setRange({ ...range, to: e.target.value })} />
        </label>
        <button type="button" className="button button--primary" data-testid="ops-show" onClick={() => setShown(range)}>
          {t('ops.show')}
        </button>
        <button type="button" className="button button--chip" data-testid="ops-this-month" onClick={() => { const r = thisMonth(new Date()); setRange(r); setShown(r); }}>
          {t('ops.thisMonth')}
        </button>
        <button type="button" className="button button--chip" data-testid="ops-last-month" onClick={() => { const r = lastMonth(new Date()); setRange(r); setShown(r); }}>
          {t('ops.lastMonth')}
        </button>
      </fieldset>

      {overview !== null && (
        <>
          <p className="ops-totals" data-testid="ops-totals" data-from={overview.from} data-to={overview.to}>
            {formatDate(overview.from)} – {formatDate(overview.to)}: {t('ops.totals', { ...overview.totals })}
          </p>
          <div className="ops-charts">
            <StackedDays title={t('ops.printsTitle')} days={overview.days} field="printed" series={types} label={typeLabel} testId="ops-chart-prints" />
            <StackedDays title={t('ops.failuresTitle')} days={overview.days} field="failures" series={overview.failureCodes} label={codeLabel} testId="ops-chart-failures" />
          </div>
          {overview.totals.failed === 0 && <p data-testid="ops-no-failures">{t('ops.noFailures')}</p>}
        </>
      )}

      <div className="ops-actions">
        {overview !== null && (
          <section className="ops-paper" data-testid="ops-paper">
            <h2>{t('ops.paperTitle')}</h2>
            <p data-testid="ops-sheets" data-count={overview.paper.sheets}>
              {t('ops.sheets', { count: overview.paper.sheets })} · {refilled(overview.paper.sheetsRefilledAt)}
            </p>
            <button type="button" className="button button--secondary" data-testid="ops-refill-sheets" onClick={() => refill('sheets')}>
              {t('ops.refillSheets')}
            </button>
            <p data-testid="ops-cards" data-count={overview.paper.cards}>
              {t('ops.cards', { count: overview.paper.cards })} · {refilled(overview.paper.cardsRefilledAt)}
            </p>
            <button type="button" className="button button--secondary" data-testid="ops-refill-cards" onClick={() => refill('cards')}>
              {t('ops.refillCards')}
            </button>
          </section>
        )}

      <section className="ops-export" data-testid="ops-export">
        <h2>{t('ops.exportTitle')}</h2>
        {drives !== null && drives.length === 0 && <p data-testid="ops-no-drive">{t('ops.noDrive')}</p>}
        <div className="ops-drives" role="radiogroup" aria-label={t('ops.exportTitle')}>
          {(drives ?? []).map((d) => (
            <button key={d.path} type="button" role="radio" aria-checked={drive === d.path} className={`button button--chip${drive === d.path ? ' is-selected' : ''}`} data-testid="ops-drive" onClick={() => setDrive(d.path)}>
              {d.name} ({t('ops.free', { size: formatBytes(d.freeBytes) })})
            </button>
          ))}
          <button type="button" className="button button--secondary" data-testid="ops-find-drives" onClick={findDrives}>
            {t('ops.findDrives')}
          </button>
        </div>
        <button type="button" className="button button--primary" data-testid="ops-export-start" disabled={drive === null || running} onClick={startExport}>
          {t('ops.export', { from: formatDate(shown.from), to: formatDate(shown.to) })}
        </button>
        {exportStatus !== null && <ExportProgress status={exportStatus} />}
      </section>
      </div>
    </div>
  );
}

function ExportProgress(props: { status: ExportStatus }): ReactNode {
  const { t } = useI18n();
  const { status } = props;
  if (status.state === 'done') {
    return (
      <p className="notice notice--ok" role="status" data-testid="ops-export-done" data-file={status.fileName} data-rows={status.rowsWritten}>
        {t('ops.exportDone', { file: status.fileName, rows: status.rowsWritten })}
      </p>
    );
  }
  if (status.state === 'failed') {
    return (
      <div data-testid="ops-export-failed">
        <p>{t('ops.exportFailed')}</p>
        {status.error !== null && <ErrorNotice error={status.error} testId="ops-export-error" />}
      </div>
    );
  }
  const fraction = status.totalRows === 0 ? null : status.rowsWritten / status.totalRows;
  const text = t('ops.exporting', { rows: status.rowsWritten, total: status.totalRows });
  return (
    <div data-testid="ops-export-running">
      <ProgressBar fraction={fraction} label={t('ops.exportTitle')} valueText={text} />
      <p>{text}</p>
    </div>
  );
}

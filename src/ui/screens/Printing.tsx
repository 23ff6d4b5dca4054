import type { ReactNode } from 'react';
import { useSecondsLeft } from '../components/IdleWarning.tsx';
import { Illustration } from '../components/Illustration.tsx';
import { ProgressBar } from '../components/ProgressBar.tsx';
import { documentTypeTitle, staffCode, type UiErrorData } from '../i18n/index.ts';
import { useI18n } from '../i18n/react.ts';
import { formatMinutesSeconds, usePrintEstimate, type Estimate } from '../print-timing.ts';
import type { ScreenProps } from '../screen-props.ts';

function estimateText(t: ReturnType<typeof useI18n>['t'], estimate: Estimate): string {
  if (estimate.kind === 'soon') return t('printing.estimateSoon');
  if (estimate.kind === 'minutes') return t('printing.estimate', { minutes: estimate.minutes });
  return t('printing.estimating');
}

/**
 * The printer reported a fault and the job waits for it to clear: a title that says printing
 * stopped, the cause, one instruction, how long the kiosk keeps waiting (from the session
 * view, counted down between pushes), the code small for the staff, and the resident's way
 * out: cancelling, after which the error screen says what became of the PIN.
 */
function FaultPanel(props: { fault: UiErrorData; waitLeftMs: number | null; receivedAt: number; busy: boolean; onCancel: () => void }): ReactNode {
  const { t, describe } = useI18n();
  const seconds = useSecondsLeft({ timeLeftMs: props.waitLeftMs, receivedAt: props.receivedAt }, true);
  const code = staffCode(props.fault);
  return (
    <div className="fault" role="alert" data-testid="print-fault" data-error-code={props.fault.code}>
      <p className="fault__cause">{describe(props.fault).message}</p>
      <p className="fault__instruction" data-testid="instruction">
        {t('fault.instruction')}
      </p>
      <div className="fault__row">
        {seconds !== null && (
          <p className="fault__deadline" role="timer" data-testid="fault-deadline">
            {seconds > 0 ? t('fault.deadline', { time: formatMinutesSeconds(seconds * 1000) }) : t('fault.deadlinePassed')}
          </p>
        )}
        <button type="button" className="button button--secondary fault__cancel" data-testid="cancel-print-button" disabled={props.busy} onClick={props.onCancel}>
          {t('fault.cancel')}
        </button>
      </div>
      {code !== null && (
        <p className="staff-code staff-code--on-dark" data-testid="staff-code">
          {t('error.staffCode', { code })}
        </p>
      )}
    </div>
  );
}

/**
 * Progress from the bytes actually sent to the printer: pages done of the total, a bar, and
 * an estimate of the time left. A printer fault turns the screen into the fault screen.
 */
export function Printing(props: ScreenProps<'printing'>): ReactNode {
  const { t, lang } = useI18n();
  const { progress } = props.state;
  const document = props.state.documents.find((d) => d.id === props.state.documentId);
  const fraction = progress.bytesTotal > 0 ? progress.bytesSent / progress.bytesTotal : null;
  const percent = fraction === null ? null : Math.floor(Math.min(1, fraction) * 100);
  const faulted = progress.fault !== null;
  const estimate = usePrintEstimate(progress.bytesSent, progress.bytesTotal, faulted);
  const valueText = percent === null ? t('printing.preparing') : t('printing.percent', { percent });
  return (
    <section className={`screen screen--center screen--printing${faulted ? ' is-faulted' : ''}`} aria-labelledby="printing-title" data-testid="screen-printing">
      <Illustration kind={faulted ? 'printer-fault' : 'printer'} className="illustration--large" />
      <h1 id="printing-title" className="screen__title">
        {t(faulted ? 'fault.title' : 'printing.title')}
      </h1>
      {document !== undefined && <p className="screen__sub">{documentTypeTitle(lang, document.type)}</p>}
      {progress.fault !== null ? (
        <FaultPanel
          fault={progress.fault}
          waitLeftMs={progress.faultWaitLeftMs}
          receivedAt={props.countdown.receivedAt}
          busy={props.busy}
          onCancel={() => void props.run(() => props.api.cancelPrint({}))}
        />
      ) : (
        <p className="instruction" data-testid="instruction">
          {t('printing.instruction')}
        </p>
      )}
      <div className="progress-block">
        {progress.pageCount > 0 && (
          <p className="progress-text" data-testid="print-pages">
            {t('printing.pages', { done: progress.pagesDone, count: progress.pageCount })}
          </p>
        )}
        <ProgressBar fraction={fraction} label={t('printing.progressLabel')} valueText={valueText} />
        <p className="progress-detail" data-testid="print-percent">
          {valueText}
        </p>
        {!faulted && (
          <p className="progress-detail" data-testid="print-estimate">
            {estimateText(t, estimate)}
          </p>
        )}
      </div>
    </section>
  );
}

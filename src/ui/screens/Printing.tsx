import type { ReactNode } from 'react';
import { documentTitle } from '../components/DocumentButton.tsx';
import { ProgressBar } from '../components/ProgressBar.tsx';
import { Spinner } from '../components/Spinner.tsx';
import { useI18n } from '../i18n/react.ts';
import type { ScreenProps } from '../screen-props.ts';

/**
 * Progress from the bytes actually sent to the printer. A print under way cannot be
 * abandoned (the service refuses); a printer fault is shown large, with what to do.
 */
export function Printing(props: ScreenProps<'printing'>): ReactNode {
  const { t, describe } = useI18n();
  const { progress } = props.state;
  const document = props.state.documents.find((d) => d.id === props.state.documentId);
  const fraction = progress.bytesTotal > 0 ? progress.bytesSent / progress.bytesTotal : null;
  const percent = fraction === null ? null : Math.floor(Math.min(1, fraction) * 100);
  const fault = progress.fault === null ? null : describe(progress.fault);
  return (
    <section className="screen screen--center" aria-labelledby="printing-title" data-testid="screen-printing">
      {fault === null && <Spinner />}
      <h1 id="printing-title" className="screen__title">
        {t('printing.title')}
      </h1>
      {document !== undefined && <p className="screen__sub">{documentTitle(document)}</p>}
      {fault !== null && progress.fault !== null && (
        <div className="fault" role="alert" data-testid="print-fault" data-error-code={progress.fault.code}>
          <p className="fault__title">{t('printing.faultTitle')}</p>
          <p className="fault__message">{fault.message}</p>
          {fault.hint !== null && <p className="fault__hint">{fault.hint}</p>}
          <p>{t('printing.faultResume')}</p>
        </div>
      )}
      <ProgressBar fraction={fraction} label={t('printing.progressLabel')} valueText={percent === null ? t('printing.preparing') : t('printing.percent', { percent })} />
      <p className="progress-text">{percent === null ? t('printing.preparing') : t('printing.percent', { percent })}</p>
      {progress.pageCount > 0 && <p className="progress-text">{t('printing.pages', { done: progress.pagesDone, count: progress.pageCount })}</p>}
      <p className="screen__sub">{t('printing.wait')}</p>
    </section>
  );
}

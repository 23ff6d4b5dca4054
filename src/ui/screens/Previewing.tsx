import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { Preview } from '../../api/contract.ts';
import { documentTitle } from '../components/DocumentButton.tsx';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { Spinner } from '../components/Spinner.tsx';
import { toUiError, type UiErrorData } from '../i18n/index.ts';
import { useI18n } from '../i18n/react.ts';
import type { ScreenProps } from '../screen-props.ts';

/** The rasterized pages of the very PDF that will be printed, scaled to fit, then "Cetak". */
export function Previewing(props: ScreenProps<'previewing'>): ReactNode {
  const { t } = useI18n();
  const { state, api, run } = props;
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<UiErrorData | null>(null);
  const document = state.documents.find((d) => d.id === state.documentId);

  const load = useCallback(() => {
    let live = true;
    setError(null);
    api.getPreview({}).then(
      (result) => live && setPreview(result),
      (failure: unknown) => live && setError(toUiError(failure)),
    );
    return () => {
      live = false;
      // The page images are the resident's document: drop them as soon as this screen goes.
      setPreview(null);
    };
  }, [api]);
  useEffect(load, [load]);

  const pages = preview?.pages ?? [];
  return (
    <section className="screen screen--previewing" aria-labelledby="previewing-title" data-testid="screen-previewing">
      <header className="screen__header">
        <h1 id="previewing-title" className="screen__title">
          {t('previewing.title')}
        </h1>
        <p className="screen__sub">
          {document === undefined ? '' : `${documentTitle(document)}. `}
          {t('previewing.instruction')}
        </p>
      </header>
      <div className={`preview-pages preview-pages--${Math.min(pages.length, 2)}`} data-testid="preview-pages">
        {error !== null && (
          <div>
            <ErrorNotice error={error} />
            <button type="button" className="button button--secondary" onClick={load}>
              {t('common.retry')}
            </button>
          </div>
        )}
        {error === null && preview === null && (
          <p className="loading-line" role="status">
            <Spinner size="small" /> {t('previewing.loading')}
          </p>
        )}
        {pages.map((page, index) => (
          <figure key={index} className="preview-page">
            <img src={page.pngDataUrl} width={page.widthPx} height={page.heightPx} alt={t('previewing.page', { page: index + 1, count: pages.length })} data-testid={`preview-page-${index + 1}`} />
          </figure>
        ))}
      </div>
      <div className="actions">
        <button type="button" className="button button--secondary" data-testid="back-button" disabled={props.busy} onClick={() => void run(() => api.back({}))}>
          {t('common.back')}
        </button>
        <button type="button" className="button button--primary" data-testid="print-button" disabled={props.busy || preview === null} onClick={() => void run(() => api.startPrint({}))}>
          {t('previewing.print')}
        </button>
      </div>
    </section>
  );
}

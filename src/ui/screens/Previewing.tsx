import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { Preview } from '../../api/contract.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { Illustration } from '../components/Illustration.tsx';
import { PageViewer } from '../components/PageViewer.tsx';
import { Spinner } from '../components/Spinner.tsx';
import { documentTypeTitle, toUiError, type UiErrorData } from '../i18n/index.ts';
import { useI18n } from '../i18n/react.ts';
import type { ScreenProps } from '../screen-props.ts';

/**
 * The rasterized pages of the very PDF that will be printed, one at a time in a viewer the
 * resident can zoom and pan, then "Cetak".
 */
export function Previewing(props: ScreenProps<'previewing'>): ReactNode {
  const { t, lang } = useI18n();
  const { state, api, run } = props;
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<UiErrorData | null>(null);
  const [shown, setShown] = useState(0);
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
  const page = pages[Math.min(shown, pages.length - 1)];
  return (
    <section className="screen screen--previewing" aria-labelledby="previewing-title" data-testid="screen-previewing">
      <header className="screen__header screen__header--with-picture">
        <Illustration kind="magnifier" className="illustration--header" />
        <div className="screen__header-text">
          <h1 id="previewing-title" className="screen__title">
            {t('previewing.title')}
          </h1>
          {document !== undefined && (
            <p className="screen__sub">
              {documentTypeTitle(lang, document.type)}: {document.subjectName}
            </p>
          )}
          <p className="instruction" data-testid="instruction">
            {t('previewing.instruction')}
          </p>
          {pages.length > 0 && <p className="gesture-hint">{t('previewing.gestureHint')}</p>}
          {state.paperShort !== undefined && (
            <p className="notice notice--warning" role="alert" data-testid="paper-short">
              {t('previewing.paperShort', { left: state.paperShort.sheetsLeft, pages: state.paperShort.pagesNeeded })}
            </p>
          )}
        </div>
      </header>
      <div className="preview-area" data-testid="preview-pages">
        {error !== null && (
          <div className="preview-area__message">
            <ErrorNotice error={error} />
            <button type="button" className="button button--secondary" onClick={load}>
              {t('common.retry')}
            </button>
          </div>
        )}
        {error === null && preview === null && (
          <p className="loading-line preview-area__message" role="status">
            <Spinner size="small" /> {t('previewing.loading')}
          </p>
        )}
        {page !== undefined && (
          <PageViewer
            key={`${Math.min(shown, pages.length - 1)}`}
            src={page.pngDataUrl}
            page={{ width: page.widthPx, height: page.heightPx }}
            alt={t('previewing.page', { page: Math.min(shown, pages.length - 1) + 1, count: pages.length })}
          />
        )}
      </div>
      <div className="actions actions--spread">
        <button type="button" className="button button--secondary" data-testid="back-button" disabled={props.busy} onClick={() => void run(() => api.back({}))}>
          {t('common.back')}
        </button>
        {pages.length > 1 && (
          <div className="toggle-group" role="group" aria-label={t('previewing.page', { page: shown + 1, count: pages.length })}>
            {pages.map((_, index) => (
              <button
                key={index}
                type="button"
                className={`button button--toggle${index === shown ? ' is-selected' : ''}`}
                aria-pressed={index === shown}
                data-testid={`preview-page-${index + 1}`}
                onClick={() => setShown(index)}
              >
                {t('previewing.pageTab', { page: index + 1 })}
              </button>
            ))}
          </div>
        )}
        <button type="button" className="button button--primary" data-testid="print-button" disabled={props.busy || preview === null} onClick={() => void run(() => api.startPrint({}))}>
          {t('previewing.print')}
        </button>
      </div>
    </section>
  );
}

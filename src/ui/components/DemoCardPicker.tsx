import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { DemoCard, KioskApi } from '../../api/contract.ts';
import { DOCUMENT_CATALOGUE } from '../../core/documents.ts';
import { toUiError, type UiErrorData } from '../i18n/index.ts';
import { useI18n } from '../i18n/react.ts';
import { ErrorNotice } from './ErrorNotice.tsx';
import { Spinner } from './Spinner.tsx';

/** Demo mode only: the simulated reader's cards, one button each. */
export function DemoCardPicker(props: { api: KioskApi; busy: boolean; onTap: (nik: string) => void }): ReactNode {
  const { t } = useI18n();
  const { api } = props;
  const [cards, setCards] = useState<readonly DemoCard[] | null>(null);
  const [error, setError] = useState<UiErrorData | null>(null);

  const load = useCallback(() => {
    let live = true;
    setError(null);
    api.listDemoCards({}).then(
      (list) => live && setCards(list),
      (failure: unknown) => live && setError(toUiError(failure)),
    );
    return () => {
      live = false;
    };
  }, [api]);
  useEffect(load, [load]);

  return (
    <section className="demo-picker" aria-labelledby="demo-picker-title" data-testid="demo-picker">
      <h2 id="demo-picker-title" className="demo-picker__title">{t('demo.pickerTitle')}</h2>
      <p className="demo-picker__hint">{t('demo.pickerHint')}</p>
      {error !== null && (
        <>
          <ErrorNotice error={error} />
          <button type="button" className="button button--secondary" onClick={load}>
            {t('common.retry')}
          </button>
        </>
      )}
      {error === null && cards === null && (
        <p className="loading-line">
          <Spinner size="small" /> {t('demo.loading')}
        </p>
      )}
      {cards !== null && cards.length === 0 && <p>{t('demo.empty')}</p>}
      {cards !== null && cards.length > 0 && (
        <ul className="demo-picker__list">
          {cards.map((card) => {
            const documents = card.documentTypes.map((type) => DOCUMENT_CATALOGUE[type].shortTitle).join(', ');
            return (
              <li key={card.nik}>
                <button type="button" className="button demo-card" data-testid={`demo-card-${card.nik}`} disabled={props.busy} onClick={() => props.onTap(card.nik)}>
                  <span className="demo-card__name">{card.name}</span>
                  <span className="demo-card__meta">{card.kabupatenKota}</span>
                  <span className="demo-card__meta">{documents === '' ? t('demo.noDocuments') : t('demo.documents', { documents })}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

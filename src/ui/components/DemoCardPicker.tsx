import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { DemoCard, KioskApi } from '../../api/contract.ts';
import { DOCUMENT_TYPES, type DocumentType } from '../../core/documents.ts';
import { documentTypeTitle, toUiError, type UiErrorData } from '../i18n/index.ts';
import { useI18n } from '../i18n/react.ts';
import { ErrorNotice } from './ErrorNotice.tsx';
import { Spinner } from './Spinner.tsx';

/** Cards whose documents include `type` (all when null) and whose name, NIK or place contain `query`. */
export function filterDemoCards(cards: readonly DemoCard[], type: DocumentType | null, query: string): DemoCard[] {
  const words = query.trim().toLowerCase().split(/\s+/).filter((w) => w !== '');
  return cards.filter((card) => {
    if (type !== null && !card.documentTypes.includes(type)) return false;
    const haystack = `${card.name} ${card.nik} ${card.kabupatenKota}`.toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}

/** Demo mode only: the simulated reader's cards, filtered by document and searched, one button each. */
export function DemoCardPicker(props: { api: KioskApi; busy: boolean; onTap: (nik: string) => void }): ReactNode {
  const { t, lang } = useI18n();
  const { api } = props;
  const [cards, setCards] = useState<readonly DemoCard[] | null>(null);
  const [error, setError] = useState<UiErrorData | null>(null);
  const [type, setType] = useState<DocumentType | null>(null);
  const [query, setQuery] = useState('');

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
  const shown = useMemo(() => (cards === null ? [] : filterDemoCards(cards, type, query)), [cards, type, query]);

  return (
    <section className="demo-picker" aria-labelledby="demo-picker-title" data-testid="demo-picker">
      <h2 id="demo-picker-title" className="demo-picker__title">
        {t('demo.pickerTitle')}
      </h2>
      <p className="demo-picker__hint">{t('demo.pickerHint')}</p>
      <p className="demo-picker__hint" data-testid="demo-staff-pins">
        {t('staff.demoPins')}
      </p>
      <div className="demo-picker__filters" role="group" aria-label={t('demo.filterLabel')}>
        {[null, ...DOCUMENT_TYPES].map((option) => (
          <button
            key={option ?? 'all'}
            type="button"
            className={`button button--chip${type === option ? ' is-selected' : ''}`}
            aria-pressed={type === option}
            data-testid={`demo-filter-${option ?? 'all'}`}
            onClick={() => setType(option)}
          >
            {option === null ? t('demo.filterAll') : documentTypeTitle(lang, option, true)}
          </button>
        ))}
      </div>
      <label className="demo-picker__search">
        <span className="demo-picker__search-label">{t('demo.searchLabel')}</span>
        <input type="search" value={query} inputMode="search" autoComplete="off" data-testid="demo-search" onChange={(event) => setQuery(event.target.value)} />
      </label>
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
        <>
          <p className="demo-picker__count" role="status" data-testid="demo-count">
            {t('demo.count', { shown: shown.length, total: cards.length })}
          </p>
          {shown.length === 0 && <p>{t('demo.noMatch')}</p>}
          <ul className="demo-picker__list" data-scroll="">
            {shown.map((card) => {
              const documents = card.documentTypes.map((d) => documentTypeTitle(lang, d, true)).join(', ');
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
        </>
      )}
    </section>
  );
}

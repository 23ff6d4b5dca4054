import type { ReactNode } from 'react';
import type { DocumentSummary } from '../../core/record.ts';
import type { DocumentType } from '../../core/documents.ts';
import { DOCUMENT_CATALOGUE } from '../../core/documents.ts';
import { documentTypeTitle, formatClockTime, formatDate } from '../i18n/index.ts';
import { useI18n } from '../i18n/react.ts';

/** A small picture of the document's paper: a card, an A4 sheet standing or lying. */
export function DocumentIcon(props: { type: DocumentType }): ReactNode {
  const medium = DOCUMENT_CATALOGUE[props.type].medium;
  const [w, h] = medium === 'card' ? [56, 36] : medium === 'a4-landscape' ? [60, 42] : [42, 60];
  const x = (64 - w) / 2;
  const y = (64 - h) / 2;
  return (
    <svg className="document-icon" viewBox="0 0 64 64" aria-hidden="true">
      <rect x={x} y={y} width={w} height={h} rx={medium === 'card' ? 6 : 2} fill="#ffffff" stroke="currentColor" strokeWidth="3.5" />
      {medium === 'card' && <rect x={x + 6} y={y + 7} width="13" height="17" rx="2" fill="currentColor" />}
      <rect x={medium === 'card' ? x + 24 : x + 7} y={y + 8} width={medium === 'card' ? 24 : w - 14} height="4" rx="2" fill="currentColor" />
      <rect x={medium === 'card' ? x + 24 : x + 7} y={y + 17} width={medium === 'card' ? 18 : w - 20} height="4" rx="2" fill="currentColor" />
      {medium !== 'card' && <rect x={x + 7} y={y + 26} width={w - 16} height="4" rx="2" fill="currentColor" />}
    </svg>
  );
}

/**
 * One print-ready document as a large button: the kind of document, whose it is (as large as
 * the kind, so two KIA for two children tell apart at a glance) and when it was issued. A
 * document the kiosk lists as locked (too many wrong PINs: `lockedUntil`) is marked with the
 * time the lock ends and what to do, and cannot be chosen.
 */
export function DocumentButton(props: { document: DocumentSummary; disabled: boolean; onChoose: () => void }): ReactNode {
  const { t, lang } = useI18n();
  const { document } = props;
  const locked = document.lockedUntil !== null;
  const until = locked ? formatClockTime(lang, document.lockedUntil ?? undefined) : null;
  return (
    <button
      type="button"
      className={`button document-button${locked ? ' is-blocked' : ''}`}
      data-testid={`document-${document.id}`}
      data-locked-until={document.lockedUntil ?? undefined}
      disabled={props.disabled || locked}
      onClick={props.onChoose}
    >
      <DocumentIcon type={document.type} />
      <span className="document-button__text">
        <span className="document-button__title">{documentTypeTitle(lang, document.type)}</span>
        <span className="document-button__subject" data-testid="document-subject">
          {t('document.subject', { name: document.subjectName })}
        </span>
        <span className="document-button__meta">{t('document.issued', { date: formatDate(document.issuedAt) })}</span>
        {locked && (
          <span className="document-button__blocked" data-testid="document-blocked">
            {until === null ? t('choosing.locked') : t('choosing.lockedUntil', { time: until })}
          </span>
        )}
      </span>
      {!locked && (
        <span className="document-button__go" aria-hidden="true">
          {t('choosing.choose')} ›
        </span>
      )}
    </button>
  );
}

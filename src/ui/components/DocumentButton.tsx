import type { ReactNode } from 'react';
import type { DocumentSummary } from '../../core/record.ts';
import { DOCUMENT_CATALOGUE } from '../../core/documents.ts';
import { formatDate } from '../i18n/index.ts';
import { useI18n } from '../i18n/react.ts';

export function documentTitle(document: Pick<DocumentSummary, 'type'>): string {
  return DOCUMENT_CATALOGUE[document.type].title;
}

/** One print-ready document as a large button: title, whose it is, when it was issued. */
export function DocumentButton(props: { document: DocumentSummary; disabled: boolean; onChoose: () => void }): ReactNode {
  const { t } = useI18n();
  const { document } = props;
  return (
    <button type="button" className="button document-button" data-testid={`document-${document.id}`} disabled={props.disabled} onClick={props.onChoose}>
      <span className="document-button__title">{documentTitle(document)}</span>
      <span className="document-button__meta">{t('document.subject', { name: document.subjectName })}</span>
      <span className="document-button__meta">{t('document.issued', { date: formatDate(document.issuedAt) })}</span>
    </button>
  );
}

import type { ReactNode } from 'react';
import { useI18n } from '../i18n/react.ts';

/** An e-KTP moving down onto a card reader, drawn in SVG and animated in CSS. */
export function CardIllustration(): ReactNode {
  const { t } = useI18n();
  return (
    <svg className="card-illustration" viewBox="0 0 320 260" role="img" aria-label={t('attract.illustration')} data-testid="illustration">
      <g className="card-illustration__reader">
        <rect x="40" y="170" width="240" height="70" rx="14" fill="#1f2a44" />
        <rect x="70" y="150" width="180" height="34" rx="8" fill="#3a4a6b" />
        <circle cx="160" cy="214" r="8" fill="#2ecc71" />
        <path d="M128 110 a40 40 0 0 1 64 0 M138 122 a26 26 0 0 1 44 0 M148 134 a12 12 0 0 1 24 0" fill="none" stroke="#0b3d91" strokeWidth="6" strokeLinecap="round" className="card-illustration__waves" />
      </g>
      <g className="card-illustration__card">
        <rect x="80" y="10" width="160" height="100" rx="10" fill="#dbe8ff" stroke="#0b3d91" strokeWidth="4" />
        <rect x="96" y="30" width="36" height="46" rx="4" fill="#9fb7e0" />
        <rect x="144" y="32" width="80" height="8" rx="4" fill="#0b3d91" />
        <rect x="144" y="50" width="64" height="8" rx="4" fill="#0b3d91" />
        <rect x="144" y="68" width="72" height="8" rx="4" fill="#0b3d91" />
        <rect x="96" y="86" width="40" height="14" rx="3" fill="#e0b400" />
      </g>
    </svg>
  );
}

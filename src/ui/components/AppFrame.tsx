import type { ReactNode } from 'react';
import type { Step } from '../screen-props.ts';
import { useI18n } from '../i18n/react.ts';
import type { MessageKey } from '../i18n/index.ts';
import { Clock } from './Clock.tsx';
import { LanguageToggle, TextSizeToggle } from './LanguageToggle.tsx';

/**
 * What every screen shares: the institution's identity and the clock on top, where the
 * resident is in the five steps, and at the bottom the way to help, the language and the
 * text size. Screens render between them.
 */

/** A neutral service mark (not the official emblem, which the kiosk does not carry). */
function ServiceMark(): ReactNode {
  return (
    <svg className="app-header__mark" viewBox="0 0 64 64" aria-hidden="true">
      <path d="M32 3 L58 12 V30 C58 46 47 56 32 61 C17 56 6 46 6 30 V12 Z" fill="#e0b400" stroke="#ffffff" strokeWidth="3" />
      <rect x="15" y="21" width="34" height="23" rx="4" fill="#0b3d91" />
      <circle cx="24" cy="31" r="4.5" fill="#ffffff" />
      <rect x="31" y="27" width="13" height="3.5" rx="1.5" fill="#ffffff" />
      <rect x="31" y="34" width="10" height="3.5" rx="1.5" fill="#ffffff" />
    </svg>
  );
}

export function AppHeader(): ReactNode {
  const { t } = useI18n();
  return (
    <header className="app-header">
      <div className="app-header__identity">
        <ServiceMark />
        <div className="app-header__names">
          <span className="app-header__agency">{t('app.agency')}</span>
          <span className="app-header__name">{t('app.name')}</span>
        </div>
      </div>
      <Clock />
    </header>
  );
}

const STEPS: readonly { key: MessageKey; steps: readonly Step[] }[] = [
  { key: 'steps.card', steps: ['attract', 'reading-card'] },
  { key: 'steps.choose', steps: ['choosing'] },
  { key: 'steps.pin', steps: ['authorizing'] },
  { key: 'steps.check', steps: ['previewing'] },
  { key: 'steps.print', steps: ['printing', 'done'] },
];

/** 1 Tempel e-KTP, 2 Pilih dokumen, 3 Masukkan PIN, 4 Periksa, 5 Cetak; the current one marked. */
export function StepIndicator(props: { step: Step | undefined }): ReactNode {
  const { t } = useI18n();
  const current = STEPS.findIndex((s) => props.step !== undefined && s.steps.includes(props.step));
  if (current < 0) return null;
  return (
    <nav className="steps" aria-label={t('steps.label')} data-testid="steps">
      <ol className="steps__list">
        {STEPS.map((s, index) => {
          const state = index < current || props.step === 'done' ? 'done' : index === current ? 'current' : 'todo';
          return (
            <li key={s.key} className={`steps__item is-${state}`} aria-current={state === 'current' ? 'step' : undefined}>
              <span className="steps__number" aria-hidden="true">
                {state === 'done' ? '✓' : index + 1}
              </span>
              <span className="steps__name">{t(s.key)}</span>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

export function AppFooter(props: { kioskId: string | null; largeText: boolean; onLargeText: (large: boolean) => void }): ReactNode {
  const { t } = useI18n();
  return (
    <footer className="app-footer">
      <div className="app-footer__help" data-testid="help-footer">
        <svg className="app-footer__icon" viewBox="0 0 40 40" aria-hidden="true">
          <circle cx="20" cy="20" r="18" fill="#0b3d91" />
          <path d="M14.5 15.5 a5.5 5.5 0 1 1 8 5 c-2 1 -2.5 2 -2.5 4" fill="none" stroke="#ffffff" strokeWidth="3.4" strokeLinecap="round" />
          <circle cx="20" cy="30" r="2.2" fill="#ffffff" />
        </svg>
        <span className="app-footer__text">{t('help.footer')}</span>
        {props.kioskId !== null && <span className="app-footer__kiosk">{t('help.kiosk', { id: props.kioskId })}</span>}
      </div>
      <div className="app-footer__controls">
        <LanguageToggle />
        <TextSizeToggle large={props.largeText} onChange={props.onLargeText} />
      </div>
    </footer>
  );
}

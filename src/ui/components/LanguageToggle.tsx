import type { ReactNode } from 'react';
import { LANGS } from '../i18n/index.ts';
import { useI18n } from '../i18n/react.ts';

/** Bahasa Indonesia / English, on every screen (in the footer); each name in its own language. */
export function LanguageToggle(): ReactNode {
  const { lang, setLang, t } = useI18n();
  return (
    <div className="toggle-group" role="group" aria-label={t('lang.label')}>
      {LANGS.map((code) => (
        <button
          key={code}
          type="button"
          lang={code}
          className={`button button--toggle${lang === code ? ' is-selected' : ''}`}
          aria-pressed={lang === code}
          data-testid={`lang-${code}`}
          onClick={() => setLang(code)}
        >
          {t(code === 'id' ? 'lang.id' : 'lang.en')}
        </button>
      ))}
    </div>
  );
}

/** The optional larger-text mode (text at 150 %), one tap away on every screen. */
export function TextSizeToggle(props: { large: boolean; onChange: (large: boolean) => void }): ReactNode {
  const { t } = useI18n();
  return (
    <div className="toggle-group" role="group" aria-label={t('text.label')}>
      <button
        type="button"
        className={`button button--toggle${props.large ? ' is-selected' : ''}`}
        aria-pressed={props.large}
        data-testid="text-size"
        onClick={() => props.onChange(!props.large)}
      >
        <svg className="text-size__glyph" viewBox="0 0 40 28" aria-hidden="true">
          <path d="M2 26 L8 11 L14 26 M4.5 20.5 H11.5" fill="none" stroke="currentColor" strokeWidth="2.6" strokeLinejoin="round" />
          <path d="M18 26 L27 3 L36 26 M22 17 H32" fill="none" stroke="currentColor" strokeWidth="3.2" strokeLinejoin="round" />
        </svg>
        {t('text.larger')}
      </button>
    </div>
  );
}

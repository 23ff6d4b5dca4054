import type { ReactNode } from 'react';
import { LANGS } from '../i18n/index.ts';
import { useI18n } from '../i18n/react.ts';

export function LanguageToggle(): ReactNode {
  const { lang, setLang, t } = useI18n();
  return (
    <div className="lang-toggle" role="group" aria-label={t('lang.label')}>
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

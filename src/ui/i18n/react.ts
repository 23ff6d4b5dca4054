import { createContext, createElement, useContext, useMemo, type ReactNode } from 'react';
import { DEFAULT_LANG, describeError, translate, type ErrorText, type Lang, type MessageKey, type Params, type UiErrorData } from './index.ts';

export interface I18n {
  readonly lang: Lang;
  readonly setLang: (lang: Lang) => void;
  readonly t: (key: MessageKey, params?: Params) => string;
  readonly describe: (error: UiErrorData) => ErrorText;
}

const I18nContext = createContext<I18n>({
  lang: DEFAULT_LANG,
  setLang: () => undefined,
  t: (key, params) => translate(DEFAULT_LANG, key, params),
  describe: (error) => describeError(DEFAULT_LANG, error),
});

export function I18nProvider(props: { lang: Lang; setLang: (lang: Lang) => void; children: ReactNode }): ReactNode {
  const { lang, setLang } = props;
  const value = useMemo<I18n>(
    () => ({ lang, setLang, t: (key, params) => translate(lang, key, params), describe: (error) => describeError(lang, error) }),
    [lang, setLang],
  );
  return createElement(I18nContext.Provider, { value }, props.children);
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}

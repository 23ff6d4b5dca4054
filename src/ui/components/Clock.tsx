import { useEffect, useState, type ReactNode } from 'react';
import type { Lang } from '../i18n/index.ts';
import { useI18n } from '../i18n/react.ts';

const LOCALES: Record<Lang, string> = { id: 'id-ID', en: 'en-GB' };

/** "Senin, 30 November 2026" and "10.15": the kiosk's local date and time, as Indonesians write them. */
export function formatClock(lang: Lang, at: Date): { date: string; time: string } {
  const locale = LOCALES[lang];
  return {
    date: new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(at),
    time: new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at),
  };
}

/** The date and time in the header, updated each minute (checked every few seconds). */
export function Clock(): ReactNode {
  const { t, lang } = useI18n();
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 5_000);
    return () => clearInterval(timer);
  }, []);
  const { date, time } = formatClock(lang, now);
  return (
    <div className="clock" role="group" aria-label={t('clock.label')} data-testid="clock">
      <time className="clock__time" dateTime={now.toISOString().slice(0, 16)}>
        {time}
      </time>
      <span className="clock__date">{date}</span>
    </div>
  );
}

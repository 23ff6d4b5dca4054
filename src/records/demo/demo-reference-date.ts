import { toDays } from './dates.ts';

/** "Today" for the demo data: ages and "recent" issue dates count from this day. */
export const DEMO_REFERENCE_DATE = '2026-10-31';

/** DEMO_REFERENCE_DATE as a day number (days since 1970-01-01, see `dates.ts`). */
export const REF = toDays(DEMO_REFERENCE_DATE);

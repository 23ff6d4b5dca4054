import type { PrinterProfile } from '../../device-drivers/printer/contract.ts';
import { planPage } from './monochrome.ts';

/**
 * Whether a printer can print a page size legibly. A page wider than the head is turned and,
 * if still too wide, scaled down; below MIN_LEGIBLE_DPI the documents' smallest text can no
 * longer be read, so the kiosk refuses the document instead of printing an unreadable one (an
 * A4 KK on an 80 mm receipt head comes out at about 70 dpi).
 *
 * The rule (docs/decisions/0304-legibility-threshold.md): a capital letter or digit of the
 * smallest text any template draws must stay at least MIN_CAP_HEIGHT_DOTS dots tall. The
 * templates' smallest text is SMALLEST_TEXT_PT (the card field lists and statements shrink to
 * 5 pt; the KK table to 5.5 pt; the placeholder emblem's "ADM" is decoration and left out),
 * set in DejaVu Sans whose capitals are 0.729 em tall: 8 dots need 159 dpi. The regular stem
 * is then 0.98 dots wide, so strokes survive the 1-bit threshold. printability.test.ts checks
 * the templates against SMALLEST_TEXT_PT, so a template that draws smaller text fails there.
 */
export const SMALLEST_TEXT_PT = 5;
/** Capital height of DejaVu Sans (and its condensed faces) as a share of the em. */
export const CAP_HEIGHT_EM = 0.729;
/** One dot above the 7 of a 5x7 dot-matrix face: a scaled outline loses about a dot to rounding. */
export const MIN_CAP_HEIGHT_DOTS = 8;
export const MIN_LEGIBLE_DPI = Math.ceil((MIN_CAP_HEIGHT_DOTS * 72) / (SMALLEST_TEXT_PT * CAP_HEIGHT_EM));

export interface Printability {
  readonly ok: boolean;
  /** The resolution the page would be printed at on this profile. */
  readonly dpi: number;
  readonly minDpi: number;
  /** Why not, for a technician (no personal data); absent when ok. */
  readonly reason?: string;
}

export function printability(profile: Pick<PrinterProfile, 'id' | 'dpi' | 'widthDots'>, pageSizePt: readonly [number, number]): Printability {
  const plan = planPage(pageSizePt[0], pageSizePt[1], profile);
  const dpi = Math.round(plan.dpi);
  if (plan.dpi >= MIN_LEGIBLE_DPI) return { ok: true, dpi, minDpi: MIN_LEGIBLE_DPI };
  const mm = (pt: number) => Math.round((pt * 25.4) / 72);
  return {
    ok: false,
    dpi,
    minDpi: MIN_LEGIBLE_DPI,
    reason: `a ${mm(pageSizePt[0])} x ${mm(pageSizePt[1])} mm page would print at ${dpi} dpi on the ${profile.id} profile (${profile.widthDots} dots wide); at least ${MIN_LEGIBLE_DPI} dpi is needed to read its ${SMALLEST_TEXT_PT} pt text`,
  };
}

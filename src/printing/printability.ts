import type { PrinterProfile } from '../../device-drivers/printer/contract.ts';
import { planPage } from './monochrome.ts';

/**
 * Whether a printer can print a page size legibly. A page wider than the head is turned
 * and, if still too wide, scaled down; below MIN_LEGIBLE_DPI the documents' smallest text
 * (the KK table's 6 pt columns) can no longer be read, so the kiosk refuses the document
 * instead of printing an unreadable one (an A4 KK on an 80 mm receipt head comes out at
 * about 70 dpi).
 */
export const MIN_LEGIBLE_DPI = 150;

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
  if (dpi >= MIN_LEGIBLE_DPI) return { ok: true, dpi, minDpi: MIN_LEGIBLE_DPI };
  const mm = (pt: number) => Math.round((pt * 25.4) / 72);
  return {
    ok: false,
    dpi,
    minDpi: MIN_LEGIBLE_DPI,
    reason: `a ${mm(pageSizePt[0])} x ${mm(pageSizePt[1])} mm page would print at ${dpi} dpi on the ${profile.id} profile (${profile.widthDots} dots wide); at least ${MIN_LEGIBLE_DPI} dpi is needed to read it`,
  };
}

/**
 * How much paper is left, as far as the kiosk can tell: the sheets (and cards) printed since
 * the last refill against what one refill holds (configuration), and the printer's paper
 * near-end sensor, which trips with about `lowSheets` sheets left on the roll. Pure: the
 * counts come from the print log, the sensor from the printer's status.
 */
export interface PaperCounts {
  /** A4 sheets (KK, akta pages handed to the printer) since the last sheets refill. */
  readonly sheets: number;
  /** Cards (KTP-el, KIA documents printed) since the last cards refill. */
  readonly cards: number;
  /** When sheets were last refilled (ISO 8601), null when never. */
  readonly refilledAt: string | null;
}

export interface PaperSettings {
  /** Sheets one refill holds; absent: unknown, only the near-end sensor tells. */
  readonly sheetsPerRefill?: number | undefined;
  /** Cards one refill holds; absent: unknown. */
  readonly cardsPerRefill?: number | undefined;
  /** At or below this many sheets left, paper is low: technicians are warned, and residents whose document needs more. */
  readonly lowSheets: number;
}

export interface PaperEstimate {
  /** Sheets left (never below 0), null when the kiosk cannot tell. */
  readonly sheetsLeft: number | null;
  readonly cardsLeft: number | null;
  /** At or below the low-paper threshold (by count or by the near-end sensor). */
  readonly low: boolean;
}

export function estimatePaper(counts: PaperCounts, settings: PaperSettings, nearEndSensor: boolean): PaperEstimate {
  const byCount = settings.sheetsPerRefill === undefined ? null : Math.max(0, settings.sheetsPerRefill - counts.sheets);
  // The sensor trips with about `lowSheets` left: it caps what the count says.
  const sheetsLeft = nearEndSensor ? Math.min(byCount ?? settings.lowSheets, settings.lowSheets) : byCount;
  const cardsLeft = settings.cardsPerRefill === undefined ? null : Math.max(0, settings.cardsPerRefill - counts.cards);
  return { sheetsLeft, cardsLeft, low: nearEndSensor || (sheetsLeft !== null && sheetsLeft <= settings.lowSheets) };
}

/** Whether a document of `pages` pages may run out of paper before it finishes (a resident is warned before printing). */
export function mayRunOut(estimate: PaperEstimate, pages: number): boolean {
  return estimate.sheetsLeft !== null && pages > estimate.sheetsLeft;
}

import type { Family, PrintableDocument } from '../../core/record.ts';

/** The shapes of the generated demo population (kept apart so the generator's parts need not import its entry). */

export interface DemoDocument {
  readonly document: PrintableDocument;
  /** The resident allowed to print it (whose card unlocks it). */
  readonly holderNik: string;
  /** The one-time print PIN, six digits. */
  readonly pin: string;
}

export interface DemoCard {
  readonly nik: string;
  /** Upper-case hex, 8 (4-byte NUID) or 14 (7-byte UID) characters. */
  readonly uid: string;
}

export interface DemoData {
  readonly seed: number;
  readonly referenceDate: string;
  readonly families: readonly Family[];
  readonly documents: readonly DemoDocument[];
  /** Every living resident of 17 or more has an e-KTP (for WNA: KTP-el WNA) with this UID. */
  readonly cards: readonly DemoCard[];
}

import type { ErrorData } from '../core/errors.ts';
import type { TemplateInput } from '../core/record.ts';
import type { PrintLog } from '../print-log/print-log.ts';
import type { Preview } from './contract.ts';

/**
 * What the kiosk service and the print transaction need from the parts, as narrow ports.
 * The host (src/host/kiosk.ts) binds them to the real print log, templates and printing
 * pipeline; tests bind the real print log on a temp file, wrapped where a fault is injected.
 */
export type PrintLogPort = Pick<
  PrintLog,
  | 'createIntent'
  | 'markAuthorized'
  | 'markRefused'
  | 'markRendering'
  | 'markPrinting'
  | 'markFirstByte'
  | 'markProgress'
  | 'markPrinted'
  | 'markFailed'
  | 'markCancelled'
  | 'markInterrupted'
  | 'markNeedsReview'
  | 'setPinState'
  | 'listUnsettled'
>;

export interface PrintProgressReport {
  readonly pagesDone: number;
  readonly pageCount: number;
  readonly bytesSent: number;
  readonly bytesTotal: number;
}

export interface PrintRun {
  readonly pdf: Uint8Array;
  readonly signal: AbortSignal;
  onProgress(progress: PrintProgressReport): void;
  /** A fault the job waits on (null when it cleared), and how long it keeps waiting from now (ms) before it fails. */
  onFault(fault: ErrorData | null, waitLeftMs: number): void;
  /**
   * Called, and awaited, just before the first byte of the document is handed to the printer
   * (the transaction writes it to the log first). If it throws, no byte is sent.
   */
  beforeFirstByte(): Promise<void>;
  /** Called, and awaited, right after the first write to the printer was accepted (a test pause point). */
  afterFirstByte(): Promise<void>;
}

export interface PrintOutcome {
  readonly pagesPrinted: number;
  readonly bytesSent: number;
}

/**
 * Prints one document. Rejects with a PrintJobError (src/printing) carrying how far the job
 * got (`pagesHanded`), on which the transaction's PIN rule is built.
 */
export type PrintRunner = (run: PrintRun) => Promise<PrintOutcome>;
/** Renders a document: the PDF that is previewed and printed, and its number of pages. */
export type Renderer = (input: TemplateInput) => Promise<{ readonly pdf: Uint8Array; readonly pageCount: number }>;
export type Previewer = (pdf: Uint8Array) => Promise<{ pageCount: number; pages: Preview['pages'] }>;

/** Where technical errors go (the application log): a context and error data, never personal data. */
export type ErrorReporter = (context: string, error: unknown) => void;

/**
 * Named points of the print transaction where a test may freeze the process to kill it
 * (ADM_KIOSK_TEST_PAUSE_AT, honoured only with ADM_KIOSK_TEST_HOOKS=1; see src/host/test-pause.ts).
 */
export const PAUSE_POINTS = ['after-intent', 'after-redeem', 'after-authorized', 'after-render', 'before-first-byte', 'after-first-byte', 'after-last-page', 'after-printed'] as const;
export type PausePoint = (typeof PAUSE_POINTS)[number];
export type PauseHook = (point: PausePoint) => Promise<void>;

import { Timing } from './protocol/constants.ts';

/** The host side's timing (PROTOCOL.md, "Timing"); tests shorten it, production keeps the defaults. */
export interface HidTiming {
  /** Wait for a GET_INFO, GET_STATUS or INDICATE reply. */
  readonly shortTimeoutMs: number;
  /** Wait for a READ_CARD reply. */
  readonly readTimeoutMs: number;
  /** GET_STATUS heartbeat while idle. */
  readonly heartbeatMs: number;
  /** Commands in a row without an answer before the reader counts as not responding and is reopened. */
  readonly heartbeatMisses: number;
  /** Further READ_CARD attempts while the card stays in the field. */
  readonly readRetries: number;
  /** Pause before a retry. */
  readonly retryDelayMs: number;
  /** Enumeration interval while the reader is absent (no enumeration while it is attached). */
  readonly scanIntervalMs: number;
  /** A frame whose next report does not come within this is dropped. */
  readonly interReportMs: number;
}

export const DEFAULT_HID_TIMING: HidTiming = {
  shortTimeoutMs: Timing.hostShortTimeoutMs,
  readTimeoutMs: Timing.hostReadTimeoutMs,
  heartbeatMs: Timing.hostHeartbeatMs,
  heartbeatMisses: Timing.hostHeartbeatMisses,
  readRetries: Timing.hostReadRetries,
  retryDelayMs: Timing.hostRetryDelayMs,
  scanIntervalMs: Timing.hostScanIntervalMs,
  interReportMs: 100,
};

import { useEffect, useRef, useState } from 'react';

/**
 * Time on the printing screen: how long the rest of the job should take (from the bytes the
 * printer actually accepted). How long the kiosk keeps waiting on a printer fault comes from
 * the session view (`progress.faultWaitLeftMs`, the kiosk's `print.waitOnFaultSeconds`).
 * Times are `performance.now()` milliseconds: monotonic, untouched by a clock change.
 */

export interface ByteSample {
  readonly at: number;
  readonly bytesSent: number;
}

/** Below this much measured sending, the rate is too noisy to promise a time. */
const MIN_SAMPLE_MS = 1_500;

/**
 * Seconds left at the rate measured between `first` and `last`, or null while there is not
 * enough to go on (too short, nothing sent, total unknown).
 */
export function secondsLeft(first: ByteSample | null, last: ByteSample | null, bytesTotal: number): number | null {
  if (first === null || last === null || bytesTotal <= 0) return null;
  const elapsed = last.at - first.at;
  const sent = last.bytesSent - first.bytesSent;
  if (elapsed < MIN_SAMPLE_MS || sent <= 0) return null;
  const remaining = Math.max(0, bytesTotal - last.bytesSent);
  return remaining / (sent / elapsed) / 1000;
}

/** What the resident reads: "less than a minute", "about N minutes" (N >= 2), or not yet known. */
export type Estimate = { readonly kind: 'unknown' } | { readonly kind: 'soon' } | { readonly kind: 'minutes'; readonly minutes: number };

export function describeEstimate(seconds: number | null): Estimate {
  if (seconds === null) return { kind: 'unknown' };
  if (seconds < 60) return { kind: 'soon' };
  return { kind: 'minutes', minutes: Math.max(2, Math.ceil(seconds / 60)) };
}

/**
 * The time left of a print, measured from the byte counts the session view carries. The
 * measurement starts again after a fault (the printer sent nothing while it waited).
 */
export function usePrintEstimate(bytesSent: number, bytesTotal: number, faulted: boolean): Estimate {
  const first = useRef<ByteSample | null>(null);
  const [last, setLast] = useState<ByteSample | null>(null);
  useEffect(() => {
    if (faulted) {
      first.current = null;
      setLast(null);
      return;
    }
    const sample = { at: performance.now(), bytesSent };
    if (first.current === null || bytesSent < first.current.bytesSent) first.current = sample;
    setLast(sample);
  }, [bytesSent, faulted]);
  return describeEstimate(secondsLeft(first.current, last, bytesTotal));
}

/** 9:05 for 545 000 ms (rounded up: "0:00" only when the time is really over). */
export function formatMinutesSeconds(ms: number): string {
  const total = Math.ceil(ms / 1000);
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

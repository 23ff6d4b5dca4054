import type { ErrorData } from '../../../src/core/errors.ts';
import { crc32, crc8 } from './checksums.ts';
import { FRAME_HEADER_SIZE, FRAME_TRAILER_SIZE, isValidFrameType, MAX_FRAME_SIZE, MAX_PAYLOAD, REPORT_DATA_MAX, REPORT_HEADER_SIZE, SOF } from './constants.ts';
import type { Frame } from './frame-codec.ts';

/** Why received bytes were not a frame. */
export type FrameErrorReason =
  | 'report-too-short'
  | 'report-length'
  | 'report-gap'
  | 'stray-bytes'
  | 'header-check'
  | 'frame-type'
  | 'frame-length'
  | 'checksum'
  | 'frame-incomplete';

export interface FrameError extends ErrorData {
  readonly code: 'CARD_READER_PROTOCOL';
  readonly reason: FrameErrorReason;
  /** For a checksum error: the header of the rejected frame (it passed its own check, so it is probably right). */
  readonly header?: { readonly type: number; readonly seq: number };
}

export interface FrameSink {
  frame(frame: Frame): void;
  error(error: FrameError): void;
}

export interface ParserCounters {
  reports: number;
  duplicateReports: number;
  frames: number;
  errors: number;
  /** False SOFs skipped while hunting after a rejected frame (not errors of their own). */
  resyncSkips: number;
}

const HINT = 'Transient errors are retried; if they keep coming, replace the reader cable or the reader.';

const WORDS: Readonly<Record<FrameErrorReason, string>> = {
  'report-too-short': 'a report shorter than its 2-byte header',
  'report-length': 'a report whose byte count is outside 1-62, longer than the report, or followed by padding that is not zero',
  'report-gap': 'a report went missing (report counter skipped); the frame in progress was dropped',
  'stray-bytes': 'bytes outside any frame',
  'header-check': 'a frame header whose check byte does not match',
  'frame-type': 'a frame type outside the protocol',
  'frame-length': `a frame longer than ${MAX_PAYLOAD} payload bytes`,
  checksum: 'a frame whose CRC does not match',
  'frame-incomplete': 'a frame that stopped before its end (dropped)',
};

function frameError(reason: FrameErrorReason, detail: string, header?: { type: number; seq: number }): FrameError {
  const error: FrameError = { code: 'CARD_READER_PROTOCOL', reason, message: `Card reader protocol: ${WORDS[reason]}${detail}.`, hint: HINT };
  return header === undefined ? error : { ...error, header };
}

/**
 * Turns received reports back into frames, whatever the link did to them: a frame split over
 * many reports, several frames in one report, a report delivered twice (same RSEQ: dropped),
 * a report lost (RSEQ gap: the partial frame is dropped), bytes corrupted (header check or
 * CRC: the frame is dropped and the parser hunts for the next SOF from the byte after the bad
 * one, so a good frame hidden behind a bad header is still found). Every rejected piece is one
 * coded error (`CARD_READER_PROTOCOL` with a reason); nothing here throws. Messages carry
 * sizes and positions only, never payload bytes (they hold personal data).
 */
export class FrameParser {
  private readonly buffer = new Uint8Array(MAX_FRAME_SIZE + 2 * REPORT_DATA_MAX);
  private start = 0;
  private end = 0;
  private lastRseq = -1;
  /** After a rejected frame, the bytes skipped while hunting for SOF belong to it: not reported again. */
  private resyncing = false;
  private stray = 0;
  readonly counters: ParserCounters = { reports: 0, duplicateReports: 0, frames: 0, errors: 0, resyncSkips: 0 };

  constructor(private readonly sink: FrameSink) {}

  pushReport(report: Uint8Array): void {
    this.counters.reports += 1;
    if (report.length < REPORT_HEADER_SIZE) {
      this.fail('report-too-short', ` (${report.length} bytes)`);
      this.discard();
      return;
    }
    const rseq = report[0] as number;
    const count = report[1] as number;
    if (rseq === this.lastRseq) {
      this.counters.duplicateReports += 1;
      return;
    }
    const expected = (this.lastRseq + 1) & 0xff;
    const gap = this.lastRseq >= 0 && rseq !== expected;
    this.lastRseq = rseq;
    if (gap) {
      this.fail('report-gap', ` (expected report ${expected}, got ${rseq})`);
      this.discard();
    }
    if (count < 1 || count > REPORT_DATA_MAX || REPORT_HEADER_SIZE + count > report.length || !zeroFrom(report, REPORT_HEADER_SIZE + count)) {
      this.fail('report-length', ` (count ${count} in a ${report.length}-byte report)`);
      this.discard();
      return;
    }
    this.append(report, REPORT_HEADER_SIZE, REPORT_HEADER_SIZE + count);
    this.parse();
  }

  /** True while the start of a frame is buffered and its end has not come. */
  hasPartialFrame(): boolean {
    return this.end > this.start;
  }

  /**
   * Drops a partial frame, as one coded error: the link stopped in the middle of a frame (the
   * driver calls this when no report came for a while, or a command timed out). RSEQ tracking stays.
   */
  reset(): void {
    if (this.hasPartialFrame()) this.fail('frame-incomplete', ` (${this.end - this.start} bytes kept)`);
    this.discard();
  }

  private append(source: Uint8Array, from: number, to: number): void {
    const length = to - from;
    if (this.end + length > this.buffer.length) {
      this.buffer.copyWithin(0, this.start, this.end);
      this.buffer.fill(0, this.end - this.start, this.end);
      this.end -= this.start;
      this.start = 0;
    }
    this.buffer.set(source.subarray(from, to), this.end);
    this.end += length;
  }

  private parse(): void {
    const buf = this.buffer;
    while (this.start < this.end) {
      if (buf[this.start] !== SOF) {
        this.start += 1;
        if (!this.resyncing) this.stray += 1;
        continue;
      }
      this.flushStray();
      if (this.end - this.start < FRAME_HEADER_SIZE) break;
      const s = this.start;
      const type = buf[s + 1] as number;
      const length = (buf[s + 3] as number) | ((buf[s + 4] as number) << 8);
      if (crc8(buf, s + 1, s + 5) !== buf[s + 5]) {
        this.reject('header-check', ` at SOF, type 0x${hex(type)}`);
        continue;
      }
      if (!isValidFrameType(type)) {
        this.reject('frame-type', ` (0x${hex(type)})`);
        continue;
      }
      if (length > MAX_PAYLOAD) {
        this.reject('frame-length', ` (${length} bytes)`);
        continue;
      }
      const total = FRAME_HEADER_SIZE + length + FRAME_TRAILER_SIZE;
      if (this.end - s < total) break;
      const payloadEnd = s + FRAME_HEADER_SIZE + length;
      const crc = ((buf[payloadEnd] as number) | ((buf[payloadEnd + 1] as number) << 8) | ((buf[payloadEnd + 2] as number) << 16) | ((buf[payloadEnd + 3] as number) << 24)) >>> 0;
      if (crc32(buf, s + 1, payloadEnd) !== crc) {
        this.reject('checksum', ` (type 0x${hex(type)}, ${length}-byte payload)`, { type, seq: buf[s + 2] as number });
        continue;
      }
      const frame: Frame = { type, seq: buf[s + 2] as number, payload: buf.slice(s + FRAME_HEADER_SIZE, payloadEnd) };
      buf.fill(0, s, s + total);
      this.start = s + total;
      this.resyncing = false;
      this.counters.frames += 1;
      this.sink.frame(frame);
    }
    this.flushStray();
    if (this.start === this.end) {
      this.start = 0;
      this.end = 0;
    }
  }

  /**
   * A bad frame: report it once, then hunt for SOF from the byte after its SOF. While hunting
   * after a rejected frame, a 0xA5 inside its bytes that fails the header check is part of
   * what was already reported, not another frame; a header that passes its check is reported.
   */
  private reject(reason: FrameErrorReason, detail: string, header?: { type: number; seq: number }): void {
    if (reason === 'header-check' && this.resyncing) this.counters.resyncSkips += 1;
    else this.fail(reason, detail, header);
    this.start += 1;
    this.resyncing = true;
  }

  private flushStray(): void {
    if (this.stray === 0) return;
    const count = this.stray;
    this.stray = 0;
    this.fail('stray-bytes', ` (${count})`);
  }

  /** Drops what is buffered; the bytes that follow until the next good frame are the rest of what was dropped. */
  private discard(): void {
    this.flushStray();
    this.buffer.fill(0, this.start, this.end);
    this.start = 0;
    this.end = 0;
    this.resyncing = true;
  }

  private fail(reason: FrameErrorReason, detail: string, header?: { type: number; seq: number }): void {
    this.counters.errors += 1;
    this.sink.error(frameError(reason, detail, header));
  }
}

/** The padding after the stream bytes is zero; anything else means the count byte is wrong. */
function zeroFrom(report: Uint8Array, from: number): boolean {
  for (let i = from; i < report.length; i += 1) if (report[i] !== 0) return false;
  return true;
}

function hex(byte: number): string {
  return byte.toString(16).padStart(2, '0');
}

import { REPORT_DATA_MAX, REPORT_HEADER_SIZE } from '../protocol/constants.ts';
import type { ReportPacker } from '../protocol/frame-codec.ts';

export interface LinkFaultOptions {
  /** Seed of the link's dice (deterministic runs). */
  readonly seed?: number;
  /** Stream bytes per report: a fixed number, or a [min, max] range drawn per report. Default 62 (as full as possible). */
  readonly split?: number | readonly [number, number];
  /** Chance that a report arrives twice. */
  readonly duplicateRate?: number;
  /** Chance that a report has one bit flipped in its stream bytes. */
  readonly corruptRate?: number;
  /** Chance that a report is lost. */
  readonly dropRate?: number;
}

export interface LinkFaultCounts {
  reports: number;
  duplicated: number;
  corrupted: number;
  dropped: number;
}

/**
 * What a flaky link does to the reader's reports: split frames into short reports, deliver
 * some twice, flip bits, lose some. Random faults come from a seeded generator; one-shot
 * faults (`corruptNext`, `duplicateNext`, `dropNext`) hit the next reports for certain.
 */
export class LinkFaults {
  private state: number;
  private options: LinkFaultOptions;
  private oneShot = { corrupt: 0, duplicate: 0, drop: 0 };
  readonly counts: LinkFaultCounts = { reports: 0, duplicated: 0, corrupted: 0, dropped: 0 };

  constructor(options: LinkFaultOptions) {
    this.options = options;
    this.state = (options.seed ?? 0x2545f491) >>> 0;
  }

  /** Changes the random faults from now on. */
  set(options: LinkFaultOptions): void {
    this.options = { ...this.options, ...options };
  }

  corruptNext(count = 1): void {
    this.oneShot.corrupt += count;
  }

  duplicateNext(count = 1): void {
    this.oneShot.duplicate += count;
  }

  dropNext(count = 1): void {
    this.oneShot.drop += count;
  }

  apply(packer: ReportPacker, stream: Uint8Array): Uint8Array[] {
    const out: Uint8Array[] = [];
    let offset = 0;
    while (offset < stream.length) {
      const size = Math.min(stream.length - offset, this.splitSize());
      const [report] = packer.pack(stream.subarray(offset, offset + size), size) as [Uint8Array];
      offset += size;
      this.counts.reports += 1;
      if (this.take('drop', this.options.dropRate)) {
        this.counts.dropped += 1;
        continue;
      }
      if (this.take('corrupt', this.options.corruptRate)) {
        const at = REPORT_HEADER_SIZE + Math.floor(this.random() * size);
        report[at] = (report[at] as number) ^ (1 << Math.floor(this.random() * 8));
        this.counts.corrupted += 1;
      }
      out.push(report);
      if (this.take('duplicate', this.options.duplicateRate)) {
        out.push(report.slice());
        this.counts.duplicated += 1;
      }
    }
    return out;
  }

  private splitSize(): number {
    const split = this.options.split ?? REPORT_DATA_MAX;
    if (typeof split === 'number') return Math.max(1, Math.min(REPORT_DATA_MAX, split));
    const [min, max] = split;
    return Math.max(1, Math.min(REPORT_DATA_MAX, min + Math.floor(this.random() * (max - min + 1))));
  }

  private take(kind: 'corrupt' | 'duplicate' | 'drop', rate: number | undefined): boolean {
    if (this.oneShot[kind] > 0) {
      this.oneShot[kind] -= 1;
      return true;
    }
    return rate !== undefined && rate > 0 && this.random() < rate;
  }

  /** mulberry32 */
  private random(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
}

import { crc32, crc8 } from './checksums.ts';
import { FRAME_HEADER_SIZE, FRAME_TRAILER_SIZE, isValidFrameType, MAX_PAYLOAD, REPORT_DATA_MAX, REPORT_HEADER_SIZE, REPORT_SIZE, SOF } from './constants.ts';

/** One frame of the protocol, as sent or as received intact. */
export interface Frame {
  readonly type: number;
  readonly seq: number;
  readonly payload: Uint8Array;
}

/** The bytes of one frame in the stream: SOF TYPE SEQ LEN_L LEN_H HCS PAYLOAD CRC0..CRC3 (little-endian). */
export function encodeFrame(type: number, seq: number, payload: Uint8Array = new Uint8Array(0)): Uint8Array {
  if (!isValidFrameType(type)) throw new RangeError(`frame type 0x${type.toString(16)} is outside the protocol's ranges`);
  if (!Number.isInteger(seq) || seq < 0 || seq > 0xff) throw new RangeError(`sequence number ${seq} is not a byte`);
  if (payload.length > MAX_PAYLOAD) throw new RangeError(`payload of ${payload.length} bytes is over the ${MAX_PAYLOAD}-byte limit`);
  const bytes = new Uint8Array(FRAME_HEADER_SIZE + payload.length + FRAME_TRAILER_SIZE);
  bytes[0] = SOF;
  bytes[1] = type;
  bytes[2] = seq;
  bytes[3] = payload.length & 0xff;
  bytes[4] = payload.length >> 8;
  bytes[5] = crc8(bytes, 1, 5);
  bytes.set(payload, FRAME_HEADER_SIZE);
  const end = FRAME_HEADER_SIZE + payload.length;
  const crc = crc32(bytes, 1, end);
  bytes[end] = crc & 0xff;
  bytes[end + 1] = (crc >>> 8) & 0xff;
  bytes[end + 2] = (crc >>> 16) & 0xff;
  bytes[end + 3] = crc >>> 24;
  return bytes;
}

/**
 * Cuts the byte stream into 64-byte reports: RSEQ, N, N stream bytes, zero padding. RSEQ
 * counts every report this packer makes (mod 256), so the receiver can drop a duplicated
 * report and notice a lost one. `maxData` below 62 makes more, shorter reports (tests).
 */
export class ReportPacker {
  private rseq: number;

  constructor(firstRseq = 0) {
    this.rseq = firstRseq & 0xff;
  }

  /** The RSEQ the next report gets. */
  get next(): number {
    return this.rseq;
  }

  pack(stream: Uint8Array, maxData = REPORT_DATA_MAX): Uint8Array[] {
    if (maxData < 1 || maxData > REPORT_DATA_MAX) throw new RangeError(`a report carries 1 to ${REPORT_DATA_MAX} stream bytes, not ${maxData}`);
    const reports: Uint8Array[] = [];
    for (let offset = 0; offset < stream.length; offset += maxData) {
      const chunk = stream.subarray(offset, Math.min(stream.length, offset + maxData));
      const report = new Uint8Array(REPORT_SIZE);
      report[0] = this.rseq;
      report[1] = chunk.length;
      report.set(chunk, REPORT_HEADER_SIZE);
      reports.push(report);
      this.rseq = (this.rseq + 1) & 0xff;
    }
    return reports;
  }
}

/** Several frames as one stream, so that they share reports ("merged" frames). */
export function concatFrames(frames: readonly Uint8Array[]): Uint8Array {
  const total = frames.reduce((sum, frame) => sum + frame.length, 0);
  const stream = new Uint8Array(total);
  let offset = 0;
  for (const frame of frames) {
    stream.set(frame, offset);
    offset += frame.length;
  }
  return stream;
}

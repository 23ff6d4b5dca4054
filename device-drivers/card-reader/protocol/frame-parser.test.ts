import { describe, expect, it } from 'vitest';
import { crc8 } from './checksums.ts';
import { Command, ReaderEvent, replyTypeOf } from './constants.ts';
import { concatFrames, encodeFrame, ReportPacker } from './frame-codec.ts';
import { encodeChip } from './messages.ts';
import { collectingParser } from './protocol-test-helpers.ts';

const chipReply = (seq: number) =>
  encodeFrame(replyTypeOf(Command.READ_CARD), seq, encodeChip({ uid: '04A1B2C3D4E5F6', nik: '3273015708850001', validUntil: null, name: 'SITI AMINAH' }));
const cardIn = (seq: number) => encodeFrame(ReaderEvent.CARD_IN, seq);

describe('FrameParser', () => {
  it('reassembles a frame split over many reports', () => {
    const { parser, frames, errors } = collectingParser();
    for (const report of new ReportPacker().pack(chipReply(3), 5)) parser.pushReport(report);
    expect(errors).toEqual([]);
    expect(frames).toHaveLength(1);
    expect(frames[0]).toMatchObject({ type: 0x83, seq: 3 });
    expect(frames[0]!.payload).toEqual(chipReply(3).subarray(6, -4));
  });

  it('takes several frames out of one report, and a frame whose head and tail are in different reports', () => {
    const { parser, frames, errors } = collectingParser();
    const stream = concatFrames([cardIn(1), chipReply(2), cardIn(3), chipReply(4)]);
    for (const report of new ReportPacker().pack(stream)) parser.pushReport(report);
    expect(errors).toEqual([]);
    expect(frames.map((f) => [f.type, f.seq])).toEqual([
      [0xc1, 1],
      [0x83, 2],
      [0xc1, 3],
      [0x83, 4],
    ]);
  });

  it('drops a report delivered twice (same RSEQ) without an error', () => {
    const { parser, frames, errors } = collectingParser();
    const reports = new ReportPacker().pack(chipReply(3), 20);
    for (const report of reports) {
      parser.pushReport(report);
      parser.pushReport(report);
    }
    expect(errors).toEqual([]);
    expect(frames).toHaveLength(1);
    expect(parser.counters.duplicateReports).toBe(reports.length);
  });

  it('drops the frame in progress when a report is lost (RSEQ gap), with one coded error, and reads the next frame', () => {
    const { parser, frames, errors } = collectingParser();
    const packer = new ReportPacker();
    const reports = packer.pack(chipReply(3), 20);
    parser.pushReport(reports[0]!);
    parser.pushReport(reports[2]!);
    for (const report of packer.pack(cardIn(9))) parser.pushReport(report);
    expect(errors.map((e) => [e.code, e.reason])).toEqual([['CARD_READER_PROTOCOL', 'report-gap']]);
    expect(frames.map((f) => f.seq)).toEqual([9]);
  });

  it('rejects a frame whose payload was corrupted (CRC) and still finds the next one', () => {
    const { parser, frames, errors } = collectingParser();
    const bad = chipReply(3);
    bad[20] = (bad[20] as number) ^ 0x10;
    for (const report of new ReportPacker().pack(concatFrames([bad, cardIn(4)]))) parser.pushReport(report);
    expect(errors.map((e) => e.reason)).toEqual(['checksum']);
    expect(frames.map((f) => f.seq)).toEqual([4]);
  });

  it('rejects a corrupted header at once (header check), without waiting for the length it claims', () => {
    const { parser, frames, errors } = collectingParser();
    const bad = cardIn(1);
    bad[4] = 0x01; // LEN high byte: 256 + 0
    for (const report of new ReportPacker().pack(concatFrames([bad, cardIn(2)]))) parser.pushReport(report);
    expect(errors.map((e) => e.reason)).toEqual(['header-check']);
    expect(frames.map((f) => f.seq)).toEqual([2]);
  });

  it('finds a good frame that starts inside the bytes of a rejected one', () => {
    const { parser, frames, errors } = collectingParser();
    const good = cardIn(5);
    const stream = concatFrames([Uint8Array.from([0xa5, 0x83, 0x01]), good]);
    for (const report of new ReportPacker().pack(stream)) parser.pushReport(report);
    expect(frames.map((f) => f.seq)).toEqual([5]);
    expect(errors.map((e) => e.reason)).toEqual(['header-check']);
  });

  it('reports bytes outside any frame once per run, and the frame after them', () => {
    const { parser, frames, errors } = collectingParser();
    const stream = concatFrames([Uint8Array.from([1, 2, 3, 4]), cardIn(6)]);
    for (const report of new ReportPacker().pack(stream)) parser.pushReport(report);
    expect(errors.map((e) => [e.reason, e.message])).toEqual([['stray-bytes', 'Card reader protocol: bytes outside any frame (4).']]);
    expect(frames.map((f) => f.seq)).toEqual([6]);
  });

  it('rejects reports with an impossible byte count or no header, and frame types outside the protocol', () => {
    const { parser, frames, errors } = collectingParser();
    parser.pushReport(Uint8Array.from([0]));
    const report = new Uint8Array(64);
    report[0] = 1;
    report[1] = 63;
    parser.pushReport(report);
    const typed = encodeFrame(0xc1, 1);
    typed[1] = 0x50; // type outside every range; fix the header check so only the type is wrong
    typed[5] = crc8(typed, 1, 5);
    for (const r of new ReportPacker(2).pack(typed)) parser.pushReport(r);
    expect(errors.map((e) => e.reason)).toEqual(['report-too-short', 'report-length', 'frame-type']);
    expect(frames).toEqual([]);
  });

  it('never puts payload bytes in an error message', () => {
    const { parser, errors } = collectingParser();
    const bad = chipReply(3);
    bad[bad.length - 1] = (bad[bad.length - 1] as number) ^ 0xff;
    for (const report of new ReportPacker().pack(bad)) parser.pushReport(report);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).not.toMatch(/3273|SITI|04A1/);
  });

  it('drops a partial frame on reset with one coded error; the bytes that follow it are not a frame', () => {
    const { parser, frames, errors } = collectingParser();
    const packer = new ReportPacker();
    const reports = packer.pack(chipReply(3), 20);
    parser.pushReport(reports[0]!);
    parser.reset();
    for (const report of reports.slice(1)) parser.pushReport(report);
    for (const report of packer.pack(cardIn(8))) parser.pushReport(report);
    expect(frames.map((f) => f.seq)).toEqual([8]);
    expect(errors.map((e) => e.reason)).toEqual(['frame-incomplete']);
  });

  it('rejects a report whose padding is not zero: its count byte is wrong and bytes would vanish', () => {
    const { parser, frames, errors } = collectingParser();
    const packer = new ReportPacker();
    const [report] = packer.pack(concatFrames([cardIn(1), cardIn(2)]));
    report![1] = 10; // the count now ends after the first frame; the second would be padding
    parser.pushReport(report!);
    expect(frames).toEqual([]);
    expect(errors.map((e) => e.reason)).toEqual(['report-length']);
  });
});

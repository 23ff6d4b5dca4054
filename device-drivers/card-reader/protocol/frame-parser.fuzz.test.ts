import { expect, it } from 'vitest';
import { isValidFrameType, MAX_PAYLOAD, REPORT_SIZE } from './constants.ts';
import { concatFrames, encodeFrame, ReportPacker, type Frame } from './frame-codec.ts';
import type { FrameErrorReason } from './frame-parser.ts';
import { encodeChip } from './messages.ts';
import { collectingParser } from './protocol-test-helpers.ts';

/**
 * Fuzz of the frame parser: random frames, packed into reports the way a reader does, then
 * mutated the way a flaky link or a buggy firmware would (bit flips, lost, duplicated,
 * swapped, truncated and foreign reports, bytes inserted or deleted). Properties, per case:
 * nothing throws; every error is CARD_READER_PROTOCOL with a known reason and words for a
 * person; no frame comes out that was not sent; an untouched (or merely duplicated) stream
 * comes out whole with no error; and whenever a sent frame does not come out, at least one
 * coded error said so. Deterministic: ADM_KIOSK_FUZZ_SEED and ADM_KIOSK_FUZZ_CASES change it.
 */

const CASES = Number(process.env.ADM_KIOSK_FUZZ_CASES ?? 100_000);
const SEED = Number(process.env.ADM_KIOSK_FUZZ_SEED ?? 0x9e3779b9);
const REASONS = new Set<FrameErrorReason>(['report-too-short', 'report-length', 'report-gap', 'stray-bytes', 'header-check', 'frame-type', 'frame-length', 'checksum', 'frame-incomplete']);

/** mulberry32: small, fast, seeded. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Mutation = 'none' | 'duplicate' | 'bit-flip' | 'header-flip' | 'drop' | 'swap' | 'truncate' | 'foreign' | 'stream-insert' | 'stream-delete' | 'replace';
const MUTATIONS: Mutation[] = ['none', 'duplicate', 'bit-flip', 'header-flip', 'drop', 'swap', 'truncate', 'foreign', 'stream-insert', 'stream-delete', 'replace'];

const sameFrame = (a: Frame, b: Frame) => a.type === b.type && a.seq === b.seq && a.payload.length === b.payload.length && a.payload.every((x, i) => x === b.payload[i]);

it(`survives ${CASES} random and mutated report streams with a coded error for every bad frame`, () => {
  const random = rng(SEED);
  const int = (n: number) => Math.floor(random() * n);
  const bytes = (n: number) => {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i += 1) out[i] = int(256);
    return out;
  };
  const frameType = () => [0x01 + int(0x3f), 0x81 + int(0x3f), 0xc0 + int(0x40)][int(3)] as number;
  const chip = encodeChip({ uid: '04A1B2C3D4E5F6', nik: '3273015708850001', validUntil: null, name: 'SITI AMINAH' });

  const tally = { cases: 0, frames: 0, errors: 0, lostFrames: 0, trailerLost: 0, byMutation: new Map<Mutation, number>() };
  const started = performance.now();
  for (let n = 0; n < CASES; n += 1) {
    const frames: Frame[] = Array.from({ length: 1 + int(4) }, () => {
      const roll = random();
      const payload = roll < 0.1 ? chip : roll < 0.15 ? bytes(int(MAX_PAYLOAD + 1)) : bytes(int(60));
      return { type: frameType(), seq: int(256), payload };
    });
    const stream = concatFrames(frames.map((f) => encodeFrame(f.type, f.seq, f.payload)));
    const mutation = MUTATIONS[int(MUTATIONS.length)] as Mutation;
    tally.byMutation.set(mutation, (tally.byMutation.get(mutation) ?? 0) + 1);
    let sent = stream;
    if (mutation === 'stream-insert') {
      const at = int(sent.length + 1);
      sent = concatFrames([sent.subarray(0, at), bytes(1 + int(8)), sent.subarray(at)]);
    } else if (mutation === 'stream-delete') {
      const at = int(sent.length);
      sent = concatFrames([sent.subarray(0, at), sent.subarray(at + 1 + int(3))]);
    }
    const packer = new ReportPacker(int(256));
    // The link was already running: one good report before the case (a lost first report after
    // opening cannot be seen in any stream; the driver notices it as a command timeout).
    const preamble = packer.pack(encodeFrame(0xc1, int(256)));
    const reports = packer.pack(sent, 1 + int(62));
    const pick = () => int(reports.length);
    switch (mutation) {
      case 'duplicate': {
        const i = pick();
        reports.splice(i, 0, reports[i] as Uint8Array);
        break;
      }
      case 'bit-flip': {
        const report = reports[pick()] as Uint8Array;
        const at = 2 + int(report[1] as number);
        report[at] = (report[at] as number) ^ (1 << int(8));
        break;
      }
      case 'header-flip': {
        const report = reports[pick()] as Uint8Array;
        report[int(2)] = int(256);
        break;
      }
      case 'drop':
        reports.splice(pick(), 1);
        break;
      case 'swap': {
        const i = pick();
        const j = pick();
        [reports[i], reports[j]] = [reports[j] as Uint8Array, reports[i] as Uint8Array];
        break;
      }
      case 'truncate': {
        const i = pick();
        reports[i] = (reports[i] as Uint8Array).subarray(0, int(REPORT_SIZE));
        break;
      }
      case 'foreign':
        reports.splice(pick(), 0, bytes(REPORT_SIZE));
        break;
      case 'replace':
        reports[pick()] = bytes(int(REPORT_SIZE + 1));
        break;
      default:
        break;
    }
    // A trailing event frame: the stream goes on, as a real link's does, so a loss at the end shows.
    const trailer: Frame = { type: 0xc2, seq: int(256), payload: new Uint8Array(0) };
    reports.push(...packer.pack(encodeFrame(trailer.type, trailer.seq)));

    const { parser, frames: out, errors } = collectingParser();
    try {
      for (const report of preamble) parser.pushReport(report);
      out.length = 0;
      for (const report of reports) parser.pushReport(report);
      // Then the link goes quiet: the host gives up on a frame still waiting for its end.
      parser.reset();
    } catch (error) {
      throw new Error(`case ${n} (seed ${SEED}, ${mutation}) threw`, { cause: error });
    }

    for (const error of errors) {
      if (error.code !== 'CARD_READER_PROTOCOL' || !REASONS.has(error.reason) || error.message.length === 0 || (error.hint ?? '').length === 0) {
        throw new Error(`case ${n} (seed ${SEED}): an error without a code, reason or words: ${JSON.stringify(error)}`);
      }
    }
    const expected = [...frames, trailer];
    for (const frame of out) {
      if (!isValidFrameType(frame.type) || frame.payload.length > MAX_PAYLOAD || !expected.some((e) => sameFrame(e, frame))) {
        throw new Error(`case ${n} (seed ${SEED}, ${mutation}): a frame came out that was never sent`);
      }
    }
    if (mutation === 'none' || mutation === 'duplicate') {
      if (errors.length > 0 || out.length !== expected.length || !out.every((f, i) => sameFrame(f, expected[i] as Frame))) {
        throw new Error(`case ${n} (seed ${SEED}, ${mutation}): a clean stream did not come out whole without errors`);
      }
    }
    const lost = frames.filter((f) => !out.some((o) => sameFrame(o, f))).length;
    if (lost > 0 && errors.length === 0) {
      throw new Error(`case ${n} (seed ${SEED}, ${mutation}): ${lost} frame(s) lost without a coded error; payloads ${frames.map((f) => f.payload.length).join(',')}; stream ${stream.length} bytes, sent ${sent.length}; out ${out.map((f) => f.payload.length).join(',')}`);
    }
    if (!out.some((o) => sameFrame(o, trailer))) tally.trailerLost += 1;
    tally.cases += 1;
    tally.frames += out.length;
    tally.errors += errors.length;
    tally.lostFrames += lost;
  }
  const seconds = (performance.now() - started) / 1000;
  console.warn(
    `frame parser fuzz: ${tally.cases} cases in ${seconds.toFixed(2)} s (seed ${SEED}); ${tally.frames} frames out, ${tally.lostFrames} lost with ${tally.errors} coded errors; trailer lost in ${tally.trailerLost}`,
  );
  expect(tally.cases).toBe(CASES);
  for (const mutation of MUTATIONS) expect(tally.byMutation.get(mutation) ?? 0, mutation).toBeGreaterThan(CASES / MUTATIONS.length / 2);
  // The parser finds its feet again: the frame after the damage comes through almost always.
  expect(tally.trailerLost).toBeLessThan(CASES / 100);
});

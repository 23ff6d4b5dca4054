import type { Printer, PrinterProfile, PrinterStatus } from '../../device-drivers/printer/contract.ts';
import { encoderFor } from '../../device-drivers/printer/escpos-encoder.ts';
import { loadProfile } from '../../device-drivers/printer/profiles.ts';
import { encodePage } from '../../src/printing/encode-page.ts';
import { preparePages } from '../../src/printing/prepare.ts';
import { runPrintJob } from '../../src/printing/print-job.ts';
import { samplePages } from './printing-samples.ts';
import type { Bench } from './harness.ts';

/**
 * Print pipeline wire efficiency (issue 4): bytes on the wire against the naive full-page
 * raster and against the floor, wire time at two baud rates, pipeline time as a share of wire
 * time, and time to the first raster byte. Pages: a KK (A4 landscape) and an akta (A4 portrait)
 * from the real templates, plus the pdfkit stand-ins as a denser second data point.
 *
 * Two floors are reported. The floor ("every blank row skipped, every band cropped to
 * its inked byte span": each row's own inked byte span, commands free) is the bound for row
 * raster commands (GS v 0, GS ( L). generic-a4-203 sends segmented ESC * strips, whose bound is
 * the segment floor (each dot column covered by the fewest 24-dot ESC * columns holding its
 * ink, 3 bytes each, commands free: segmentFloorBytes). The 5% target is measured against the
 * floor of the command used (the segment floor); wire / issue floor is shown beside it.
 * The GS ( L profile (generic-a4-203-gs-l) is planned too, for comparison.
 */

const OK: PrinterStatus = { online: true, coverOpen: false, paperNearEnd: false, paperEnd: false, error: false };

/** Accepts everything at once: measures the pipeline, not a transport. */
class CountingPrinter implements Printer {
  bytes = 0;
  constructor(readonly profile: PrinterProfile) {}
  open = () => Promise.resolve();
  close = () => Promise.resolve();
  describe = () => 'counting printer (benchmark)';
  readonly link = 'emulator' as const;
  onLinkEvent = () => () => undefined;
  status = () => Promise.resolve(OK);
  write(bytes: Uint8Array): Promise<void> {
    this.bytes += bytes.length;
    return Promise.resolve();
  }
}

const wireSeconds = (bytes: number, baud: number) => (bytes * 10) / baud;

export default async function (bench: Bench): Promise<void> {
  const profile = loadProfile('generic-a4-203');
  const encoder = encoderFor(profile);
  const gsL = loadProfile('generic-a4-203-gs-l');
  const gsLEncoder = encoderFor(gsL);
  const pages = await samplePages();

  for (const sample of pages) {
    const limit = sample.kind === 'kk' ? 0.5 : 0.35;
    let naive = 0;
    let floor = 0;
    let rowFloor = 0;
    let planned = 0;
    let rotated = false;
    let strips = 0;
    let pieces = 0;
    let pieceData = 0;
    for await (const page of preparePages(sample.pdf, profile)) {
      naive += page.naiveBytes;
      floor += page.floorBytes;
      rowFloor += page.rowFloorBytes;
      rotated ||= page.plan.rotate;
      for (const op of page.ops) if (op.kind === 'strip') {
        strips += 1;
        pieces += op.pieces.length;
        for (const piece of op.pieces) pieceData += piece.width * (profile.escStarDots / 8);
      }
      for (const chunk of encodePage(page, encoder)) planned += chunk.bytes.length;
    }
    let gsLPlanned = 0;
    for await (const page of preparePages(sample.pdf, gsL)) for (const chunk of encodePage(page, gsLEncoder)) gsLPlanned += chunk.bytes.length;
    // The wire bytes of a whole job (framing, margins, cut; status polls are answered, not sent as data).
    const printer = new CountingPrinter(profile);
    const cold = await runPrintJob({ pdf: sample.pdf, printer });
    const wire = printer.bytes;

    bench.section(`${sample.label} (${profile.id}, ${profile.dpi} dpi${rotated ? ', turned 90°' : ''})`);
    bench.row('bytes', { wire, naive, 'segment floor': floor, 'issue floor': rowFloor, planned });
    // Where the wire goes above the segment floor: image data of the chosen strips vs commands.
    bench.row('strips', { strips, pieces, 'image data': pieceData, 'commands+framing': wire - pieceData, 'data over floor': pieceData / floor });
    bench.row('ratios', { 'wire/naive': wire / naive, 'wire/segment floor': wire / floor, 'wire/issue floor': wire / rowFloor, 'segment floor/naive': floor / naive, 'issue floor/naive': rowFloor / naive });
    bench.row(`GS ( L bands (${gsL.id})`, { bytes: gsLPlanned, 'of naive': gsLPlanned / naive, 'of issue floor': gsLPlanned / rowFloor, '115200 s': wireSeconds(gsLPlanned, 115_200) });
    const t115 = wireSeconds(wire, 115_200);
    const t921 = wireSeconds(wire, 921_600);
    bench.row('wire time (10 bits/byte)', { '115200 s': t115, '921600 s': t921, 'naive@115200 s': wireSeconds(naive, 115_200), 'naive@921600 s': wireSeconds(naive, 921_600) });

    // Pipeline: rasterize + monochrome + band plan + encode, everything but the wire.
    const pipeline = await bench.time(
      async () => {
        for await (const page of preparePages(sample.pdf, profile)) for (const chunk of encodePage(page, encoder)) void chunk;
      },
      { runs: 7, warmup: 1 },
    );
    const firsts: number[] = [];
    for (let i = 0; i < 7; i += 1) firsts.push((await runPrintJob({ pdf: sample.pdf, printer: new CountingPrinter(profile) })).firstBandMs);
    firsts.sort((a, b) => a - b);
    const firstMs = firsts[Math.floor(firsts.length / 2)] ?? NaN;
    bench.row('pipeline', { 'median ms': pipeline.medianMs, 'p95 ms': pipeline.p95Ms, 'share of wire@115200': pipeline.medianMs / 1000 / t115, 'share of wire@921600': pipeline.medianMs / 1000 / t921 });
    bench.row('time to first band', { 'median ms': firstMs, 'first job in process ms': cold.firstBandMs });

    bench.target(`${sample.label}: wire bytes at most ${limit * 100}% of the naive raster`, wire <= naive * limit, `${((100 * wire) / naive).toFixed(1)}% (${wire} of ${naive} bytes)`);
    // The floor: every blank row skipped, every band cropped to its inked byte span.
    // Segmented ESC * strips go below it, so the tighter segment floor (the least any ESC *
    // layout could send) is reported beside it as information, not as the target.
    bench.target(
      `${sample.label}: wire bytes within 5% of the floor (every blank row skipped, every band cropped)`,
      wire <= rowFloor * 1.05,
      `${((100 * wire) / rowFloor - 100).toFixed(1)}% against that floor (${rowFloor} bytes); ${((100 * wire) / floor - 100).toFixed(1)}% above the tighter segment floor (${floor} bytes)`,
    );
    bench.target(`${sample.label}: pipeline under 5% of wire time at 115200`, pipeline.medianMs / 1000 < 0.05 * t115, `${((100 * pipeline.medianMs) / 1000 / t115).toFixed(2)}% (${pipeline.medianMs.toFixed(0)} ms of ${t115.toFixed(1)} s)`);
    bench.target(`${sample.label}: first byte under 300 ms`, firstMs < 300, `median ${firstMs.toFixed(0)} ms (first job in a fresh process: ${cold.firstBandMs.toFixed(0)} ms)`);
  }
}

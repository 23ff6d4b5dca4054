import type { CardRead } from '../contract.ts';
import type { CardFault } from '../card-fault.ts';
import type { HidDeviceInfo } from '../node-hid-api.ts';
import { Command, PROTOCOL_MAJOR, PROTOCOL_MINOR, ReaderEvent, Result, replyTypeOf, USAGE, USAGE_PAGE } from '../protocol/constants.ts';
import { concatFrames, encodeFrame, ReportPacker, type Frame } from '../protocol/frame-codec.ts';
import { FrameParser } from '../protocol/frame-parser.ts';
import { decodeIndication, encodeChip, encodeInfo, encodeState, resultOnly, type Indication } from '../protocol/messages.ts';
import type { FakeHidDevice, FakeHidEndpoint } from './fake-hid-device.ts';
import { LinkFaults, type LinkFaultOptions } from './link-faults.ts';

export interface FakeCard extends CardRead {
  readonly fault?: CardFault;
}

export interface FakeReaderModuleOptions {
  readonly path?: string;
  readonly vendorId?: number;
  readonly productId?: number;
  readonly serialNumber?: string;
  readonly firmwareVersion?: string;
  readonly protocolMajor?: number;
  /** Milliseconds before a short reply (GET_INFO, GET_STATUS, INDICATE). */
  readonly replyDelayMs?: number;
  /** Milliseconds a READ_CARD takes. */
  readonly readMs?: number;
  /** Milliseconds between a tap/lift and its CARD_IN/CARD_OUT event. */
  readonly eventDelayMs?: number;
  /** What the link does to the reports this module sends. */
  readonly link?: LinkFaultOptions;
}

/**
 * The reader side of PROTOCOL.md, in software: the firmware of a reader module behind a
 * fake HID device. It answers GET_INFO, GET_STATUS, READ_CARD and INDICATE, sends CARD_IN and
 * CARD_OUT, and can be scripted like a flaky real reader: slow replies, split, merged,
 * duplicated, corrupted or lost reports (`link`), stale replies, reads that fail N times, a
 * card pulled mid-read, a reader that stops answering (`hang`), raw reports of any shape.
 */
export class FakeReaderModule implements FakeHidEndpoint {
  readonly path: string;
  readonly link: LinkFaults;
  private readonly handles = new Set<FakeHidDevice>();
  private parser: FrameParser;
  private packer = new ReportPacker(0x5a);
  private card: FakeCard | null = null;
  private reading: { seq: number; timer: ReturnType<typeof setTimeout> } | null = null;
  private eventSeq = 0x30;
  private outbox: Uint8Array[] = [];
  private flushScheduled = false;
  private timers = new Set<ReturnType<typeof setTimeout>>();
  private hung = false;
  private readFailures: { result: number; count: number } | null = null;
  private staleBeforeNextReply = false;
  private readonly corruptReplies = new Map<number, number>();
  private eventsToLose = 0;
  private removeDuringNextRead = false;
  samLocked = false;
  /** Milliseconds a READ_CARD takes (may be changed while running). */
  readMs: number;
  /** Milliseconds before a short reply (may be changed while running). */
  replyDelayMs: number;
  /** Every frame the host sent, in order (commands only). */
  readonly received: Frame[] = [];
  readonly indications: Indication[] = [];

  constructor(private readonly options: FakeReaderModuleOptions = {}) {
    this.path = options.path ?? '/dev/hidraw-fake0';
    this.link = new LinkFaults(options.link ?? {});
    this.parser = this.newParser();
    this.readMs = options.readMs ?? 5;
    this.replyDelayMs = options.replyDelayMs ?? 1;
  }

  info(): HidDeviceInfo {
    return {
      vendorId: this.options.vendorId ?? 0x1209,
      productId: this.options.productId ?? 0x0001,
      path: this.path,
      serialNumber: this.options.serialNumber ?? 'R-0042',
      manufacturer: 'ADM kiosk project',
      product: 'e-KTP reader module (fake)',
      release: 0x0100,
      interface: 0,
      usagePage: USAGE_PAGE,
      usage: USAGE,
    };
  }

  /** A card enters the field (replacing one there). */
  tap(card: FakeCard): void {
    if (this.card !== null) this.lift();
    this.card = card;
    this.later(this.options.eventDelayMs ?? 2, () => this.sendEvent(ReaderEvent.CARD_IN));
  }

  /** The card leaves the field; a read in progress ends with CARD_REMOVED. */
  lift(): void {
    if (this.card === null) return;
    this.card = null;
    if (this.reading !== null) this.finishRead(resultOnly(Result.CARD_REMOVED));
    this.later(this.options.eventDelayMs ?? 2, () => this.sendEvent(ReaderEvent.CARD_OUT));
  }

  /** Device handles the host holds open on this module. */
  get openHandles(): number {
    return this.handles.size;
  }

  get cardInField(): boolean {
    return this.card !== null;
  }

  /** The next `count` READ_CARD commands fail with `result` (then reads work again). */
  failReads(result: number, count: number): void {
    this.readFailures = { result, count };
  }

  /** The card is pulled while the next READ_CARD is in progress. */
  pullDuringNextRead(): void {
    this.removeDuringNextRead = true;
  }

  /** Before the next reply, a reply with the previous sequence number (a late answer to an old command). */
  sendStaleReplyFirst(): void {
    this.staleBeforeNextReply = true;
  }

  /** The next `count` replies to `command` get one payload bit flipped (their CRC no longer matches). */
  corruptReplyTo(command: number, count = 1): void {
    this.corruptReplies.set(command, (this.corruptReplies.get(command) ?? 0) + count);
  }

  /** The next `count` CARD_IN/CARD_OUT events are never sent (lost on the way). */
  loseNextEvents(count = 1): void {
    this.eventsToLose += count;
  }

  /** Stops answering anything (firmware hung) until `unhang`. */
  hang(): void {
    this.hung = true;
  }

  unhang(): void {
    this.hung = false;
  }

  /** Sends a report exactly as given (any length, any bytes). */
  sendRaw(report: Uint8Array): void {
    for (const handle of this.handles) handle.deliver(report);
  }

  /** Sends a frame of any type and sequence number, through the link. */
  sendFrame(type: number, seq: number, payload?: Uint8Array): void {
    this.queue(encodeFrame(type, seq, payload));
  }

  // FakeHidEndpoint

  receive(report: Uint8Array): void {
    this.parser.pushReport(report);
  }

  attachHandle(handle: FakeHidDevice): void {
    this.handles.add(handle);
  }

  detachHandle(handle: FakeHidDevice): void {
    this.handles.delete(handle);
  }

  // Bus

  /** Plugged in: the firmware starts from power-up (new report counter, no command in progress). */
  plugged(): void {
    this.parser = this.newParser();
    this.packer = new ReportPacker((this.packer.next + 17) & 0xff);
    this.hung = false;
  }

  unplugged(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.reading = null;
    this.outbox = [];
    for (const handle of [...this.handles]) handle.unplug();
    this.handles.clear();
  }

  private newParser(): FrameParser {
    return new FrameParser({ frame: (frame) => this.onCommand(frame), error: () => undefined });
  }

  private onCommand(frame: Frame): void {
    this.received.push(frame);
    if (this.hung) return;
    const reply = (payload: Uint8Array, delayMs = this.replyDelayMs) => this.later(delayMs, () => this.reply(frame, payload));
    switch (frame.type) {
      case Command.GET_INFO:
        reply(encodeInfo({ protocolMajor: this.options.protocolMajor ?? PROTOCOL_MAJOR, protocolMinor: PROTOCOL_MINOR, firmwareVersion: this.options.firmwareVersion ?? 'ADM-R 1.4.2', serialNumber: this.options.serialNumber ?? 'R-0042' }));
        return;
      case Command.GET_STATUS:
        reply(encodeState({ cardInField: this.card !== null, samReady: !this.samLocked, samLocked: this.samLocked, busy: this.reading !== null }));
        return;
      case Command.INDICATE: {
        const indication = decodeIndication(frame.payload);
        if (indication !== null) this.indications.push(indication);
        reply(resultOnly(indication === null ? Result.BAD_PARAMETER : Result.OK));
        return;
      }
      case Command.READ_CARD:
        this.startRead(frame);
        return;
      default:
        reply(resultOnly(Result.UNKNOWN_COMMAND));
    }
  }

  private startRead(frame: Frame): void {
    if (this.reading !== null) {
      this.later(1, () => this.reply(frame, resultOnly(Result.BUSY)));
      return;
    }
    if (this.card === null) {
      this.later(1, () => this.reply(frame, resultOnly(Result.NO_CARD)));
      return;
    }
    const readMs = this.readMs;
    const timer = this.later(readMs, () => {
      this.reading = null;
      this.reply(frame, this.readOutcome());
    });
    this.reading = { seq: frame.seq, timer };
    this.readingFrame = frame;
    if (this.removeDuringNextRead || this.card.fault === 'removed-during-read') {
      this.removeDuringNextRead = false;
      this.later(Math.max(0, readMs / 2), () => this.lift());
    }
  }

  private readingFrame: Frame | null = null;

  private finishRead(payload: Uint8Array): void {
    if (this.reading === null || this.readingFrame === null) return;
    clearTimeout(this.reading.timer);
    this.timers.delete(this.reading.timer);
    this.reading = null;
    this.reply(this.readingFrame, payload);
  }

  private readOutcome(): Uint8Array {
    const card = this.card;
    if (card === null) return resultOnly(Result.CARD_REMOVED);
    if (this.readFailures !== null && this.readFailures.count > 0) {
      this.readFailures.count -= 1;
      return resultOnly(this.readFailures.result);
    }
    if (this.samLocked) return resultOnly(Result.SAM_LOCKED);
    switch (card.fault) {
      case 'not-ektp':
        return resultOnly(Result.NOT_EKTP);
      case 'blocked':
        return resultOnly(Result.CARD_BLOCKED);
      case 'auth-failed':
        return resultOnly(Result.AUTH_FAILED);
      case 'sam-locked':
        return resultOnly(Result.SAM_LOCKED);
      case 'unreadable':
        return resultOnly(Result.CHIP_IO);
      default:
        return encodeChip({ uid: card.uid, nik: card.nik, validUntil: card.validUntil ?? null, name: card.name ?? 'NAMA TIDAK ADA' });
    }
  }

  private reply(command: Frame, payload: Uint8Array): void {
    if (this.hung) return;
    if (this.staleBeforeNextReply) {
      this.staleBeforeNextReply = false;
      this.queue(encodeFrame(replyTypeOf(command.type), (command.seq + 255) & 0xff, resultOnly(Result.INTERNAL)));
    }
    const frame = encodeFrame(replyTypeOf(command.type), command.seq, payload);
    const corrupt = this.corruptReplies.get(command.type) ?? 0;
    if (corrupt > 0) {
      this.corruptReplies.set(command.type, corrupt - 1);
      frame[6] = (frame[6] as number) ^ 0x01; // first payload byte
    }
    this.queue(frame);
  }

  private sendEvent(type: number): void {
    if (this.hung) return;
    this.eventSeq = (this.eventSeq + 1) & 0xff;
    if (this.eventsToLose > 0) {
      this.eventsToLose -= 1;
      return;
    }
    this.queue(encodeFrame(type, this.eventSeq));
  }

  /** Frames queued in the same turn share reports ("merged"); the link then does its worst. */
  private queue(frame: Uint8Array): void {
    this.outbox.push(frame);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    queueMicrotask(() => {
      this.flushScheduled = false;
      const stream = concatFrames(this.outbox);
      this.outbox = [];
      if (stream.length === 0) return;
      for (const report of this.link.apply(this.packer, stream)) this.sendRaw(report);
    });
  }

  private later(ms: number, run: () => void): ReturnType<typeof setTimeout> {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    this.timers.add(timer);
    return timer;
  }
}

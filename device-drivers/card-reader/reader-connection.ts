import type { ErrorData } from '../../src/core/errors.ts';
import { KioskError } from '../../src/core/errors.ts';
import { CommandChannel, type ChannelCounters } from './command-channel.ts';
import type { CardReaderEvent } from './contract.ts';
import type { HIDAsync } from './node-hid-api.ts';
import { Command, PROTOCOL_MAJOR, ReaderEvent, Result } from './protocol/constants.ts';
import { ReportPacker, type Frame } from './protocol/frame-codec.ts';
import { FrameParser, type FrameError, type ParserCounters } from './protocol/frame-parser.ts';
import { decodeInfo, decodeState, type ReaderInfo, type ReaderState } from './protocol/messages.ts';
import { CardSession } from './card-session.ts';
import { readerDisconnected, readerNotResponding, readerSamLocked } from './reader-errors.ts';
import type { HidTiming } from './hid-timing.ts';

const EMPTY = new Uint8Array(0);

export interface ConnectionCounters extends ParserCounters, ChannelCounters {
  duplicateEvents: number;
  readRetries: number;
}

export interface ConnectionCallbacks {
  /** Card events and reader errors (SAM locked), in order. */
  event(event: CardReaderEvent): void;
  /** The connection is gone (device error, write failure, reader silent); called once. */
  lost(error: ErrorData): void;
  /** Every rejected piece of the stream, for diagnostics (not an event: retries and timeouts deal with it). */
  protocolError(error: FrameError): void;
}

/**
 * One open reader: the HID device handle, the frame parser, the command channel, the
 * heartbeat and the card in its field. `handshake` asks who the reader is (GET_INFO, protocol
 * version) and how it is (GET_STATUS); `run` starts the heartbeat and the card logic. When the
 * device fails (unplugged: node-hid emits 'error'), a write fails, or the reader stops
 * answering (`heartbeatMisses` commands in a row), the connection closes itself and calls
 * `lost` once. It never rejects into the void: every failure ends in `lost` or an event.
 */
export class ReaderConnection {
  private readonly parser: FrameParser;
  private readonly packer = new ReportPacker(0);
  private readonly channel: CommandChannel;
  private readonly cards: CardSession;
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  private interReport: ReturnType<typeof setTimeout> | null = null;
  private silences = 0;
  private lastEventSeq = -1;
  private samLocked = false;
  private running = false;
  private ended = false;
  private closing: Promise<void> | null = null;
  private readonly counters = { duplicateEvents: 0 };

  constructor(
    private readonly device: HIDAsync,
    private readonly timing: HidTiming,
    private readonly callbacks: ConnectionCallbacks,
  ) {
    this.parser = new FrameParser({
      frame: (frame) => this.onFrame(frame),
      error: (error) => {
        if (error.header !== undefined && !this.ended) this.channel.replyCorrupted(error.header.type, error.header.seq);
        callbacks.protocolError(error);
      },
    });
    this.channel = new CommandChannel(
      (frame) => this.write(frame),
      () => this.onSilence(),
    );
    this.cards = new CardSession(this.channel, timing, (event) => this.emit(event));
    device.on('data', this.onData);
    device.on('error', this.onDeviceError);
  }

  counts(): ConnectionCounters {
    return { ...this.parser.counters, ...this.channel.counters, duplicateEvents: this.counters.duplicateEvents, readRetries: this.cards.retries };
  }

  get cardPresent(): boolean {
    return this.cards.present;
  }

  /** Who the reader is; rejects (with a code) when it does not answer or speaks another protocol major version. */
  async handshake(): Promise<ReaderInfo> {
    const info = await this.channel.request(Command.GET_INFO, EMPTY, this.timing.shortTimeoutMs, (reply) => {
      if (reply.result !== Result.OK) throw new KioskError('CARD_READER_PROTOCOL', `The card reader refused GET_INFO (result 0x${reply.result.toString(16)}).`, { hint: 'Check the reader firmware against PROTOCOL.md.' });
      return decodeInfo(reply.data);
    });
    if (info.protocolMajor !== PROTOCOL_MAJOR) {
      throw new KioskError('CARD_READER_PROTOCOL', `The card reader speaks protocol ${info.protocolMajor}.${info.protocolMinor}; the kiosk speaks ${PROTOCOL_MAJOR}.x.`, {
        hint: 'Update the reader firmware or the kiosk so that both speak the same protocol major version.',
      });
    }
    await this.status();
    return info;
  }

  /** Starts the heartbeat and the card logic (after the reader was announced connected). */
  run(): void {
    if (this.ended) return;
    this.running = true;
    if (this.samLocked) this.emit({ type: 'reader-error', error: readerSamLocked() });
    this.heartbeat = setInterval(() => this.beat(), this.timing.heartbeatMs);
    this.heartbeat.unref?.();
    this.beat();
  }

  /** Closes the device; no callback is called after this starts. */
  close(): Promise<void> {
    this.ended = true;
    this.closing ??= this.shutdown(new KioskError('CARD_READER_DISCONNECTED', 'The card reader was closed by the kiosk.'));
    return this.closing;
  }

  private readonly onData = (data: Buffer): void => {
    if (this.ended) return;
    this.parser.pushReport(data);
    if (this.interReport !== null) clearTimeout(this.interReport);
    this.interReport = null;
    if (this.parser.hasPartialFrame()) {
      // The reader never pauses inside a frame: a frame left hanging is dropped.
      this.interReport = setTimeout(() => this.parser.reset(), this.timing.interReportMs);
      this.interReport.unref?.();
    }
  };

  private readonly onDeviceError = (error: unknown): void => {
    this.lose(readerDisconnected(`the device reported "${error instanceof Error ? error.message : String(error)}"`));
  };

  private onFrame(frame: Frame): void {
    if (this.ended) return;
    if (this.channel.accept(frame)) {
      this.silences = 0;
      return;
    }
    if (frame.type === ReaderEvent.CARD_IN || frame.type === ReaderEvent.CARD_OUT) {
      if (frame.seq === this.lastEventSeq) {
        this.counters.duplicateEvents += 1;
        return;
      }
      this.lastEventSeq = frame.seq;
      if (!this.running) return;
      if (frame.type === ReaderEvent.CARD_IN) this.cards.cardArrived();
      else this.cards.cardOut();
    }
    // Commands from the reader and unknown events are ignored (a newer firmware may add events).
  }

  private async status(): Promise<ReaderState> {
    return this.channel.request(Command.GET_STATUS, EMPTY, this.timing.shortTimeoutMs, (reply) => {
      if (reply.result !== Result.OK) throw new KioskError('CARD_READER_PROTOCOL', `The card reader refused GET_STATUS (result 0x${reply.result.toString(16)}).`);
      const state = decodeState(reply.data);
      this.applyState(state);
      return state;
    });
  }

  /** Runs in stream order when a status reply arrives. */
  private applyState(state: ReaderState): void {
    if (state.samLocked && !this.samLocked && this.running) this.emit({ type: 'reader-error', error: readerSamLocked() });
    this.samLocked = state.samLocked;
    if (this.running) this.cards.reconcile(state.cardInField);
  }

  private beat(): void {
    if (this.ended || !this.channel.idle || this.cards.busy) return;
    this.status().catch(() => undefined); // a timeout is counted by onSilence; a lost device by lose()
  }

  private onSilence(): void {
    this.parser.reset();
    this.silences += 1;
    if (this.silences >= this.timing.heartbeatMisses) {
      this.lose(readerNotResponding(`${this.silences} commands in a row went unanswered`));
      return;
    }
    // Ask again at once rather than at the next tick: a hung reader is given up sooner.
    setImmediate(() => this.beat());
  }

  private async write(frame: Uint8Array): Promise<void> {
    for (const report of this.packer.pack(frame)) {
      const out = Buffer.alloc(report.length + 1);
      out.set(report, 1); // report id 0: the reader has no numbered reports
      try {
        await this.device.write(out);
      } catch (error) {
        this.lose(readerDisconnected(`a write failed ("${error instanceof Error ? error.message : String(error)}")`));
        throw error;
      }
    }
  }

  private emit(event: CardReaderEvent): void {
    if (!this.ended) this.callbacks.event(event);
  }

  private lose(error: ErrorData): void {
    if (this.ended) return;
    this.ended = true;
    this.closing = this.shutdown(new KioskError(error.code, error.message, error.hint === undefined ? {} : { hint: error.hint }));
    this.callbacks.lost(error);
  }

  private async shutdown(reason: KioskError): Promise<void> {
    if (this.heartbeat !== null) clearInterval(this.heartbeat);
    if (this.interReport !== null) clearTimeout(this.interReport);
    this.heartbeat = null;
    this.interReport = null;
    this.cards.stop();
    this.channel.close(reason);
    this.device.off('data', this.onData);
    try {
      await this.device.close();
    } catch {
      // Already closed or gone with the cable: nothing left to release.
    }
  }
}

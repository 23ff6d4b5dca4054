import { KioskError } from '../../src/core/errors.ts';
import { REPLY_BIT } from './protocol/constants.ts';
import { encodeFrame, type Frame } from './protocol/frame-codec.ts';
import { splitReply, type Reply } from './protocol/messages.ts';

const COMMAND_NAMES: Readonly<Record<number, string>> = { 0x01: 'GET_INFO', 0x02: 'GET_STATUS', 0x03: 'READ_CARD', 0x04: 'INDICATE' };
export const commandName = (command: number): string => COMMAND_NAMES[command] ?? `command 0x${command.toString(16)}`;

interface Pending {
  readonly command: number;
  readonly seq: number;
  readonly handle: (reply: Reply) => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

export interface ChannelCounters {
  commands: number;
  timeouts: number;
  staleReplies: number;
}

/**
 * Host side of the command/reply exchange: one command on the wire at a time (others wait
 * their turn), each with its own sequence number (1-255, then wrapping) and its own timeout.
 * A reply is taken only if its type and sequence number are those of the command on the wire;
 * anything else (a late answer to a command that timed out, a duplicate) is a stale reply and
 * is dropped. The reply's `handle` runs synchronously when the reply frame is parsed, so the
 * caller sees it in stream order with the reader's events (a status taken before a CARD_OUT
 * is applied before that CARD_OUT).
 */
export class CommandChannel {
  private seq = 0;
  private pending: Pending | null = null;
  private tail: Promise<unknown> = Promise.resolve();
  private queued = 0;
  private closedWith: KioskError | null = null;
  readonly counters: ChannelCounters = { commands: 0, timeouts: 0, staleReplies: 0 };

  /**
   * @param send writes one frame to the device (reports, report id); rejects when the device is gone.
   * @param onTimeout told when a command went unanswered (the connection counts silences, drops a partial frame).
   */
  constructor(
    private readonly send: (frame: Uint8Array) => Promise<void>,
    private readonly onTimeout: (command: number) => void,
  ) {}

  /** True when no command is on the wire or waiting. */
  get idle(): boolean {
    return this.pending === null && this.queued === 0;
  }

  /**
   * Sends `command` when its turn comes and settles with what `handle` makes of the reply
   * (or rejects with what it throws): CARD_READER_NOT_RESPONDING after `timeoutMs` without a
   * reply; the channel's close error if it closes first; CARD_READER_DISCONNECTED if the write fails.
   */
  request<T>(command: number, payload: Uint8Array, timeoutMs: number, handle: (reply: Reply) => T): Promise<T> {
    this.queued += 1;
    const run = async (): Promise<T> => {
      this.queued -= 1;
      if (this.closedWith !== null) throw this.closedWith;
      this.seq = this.seq === 0xff ? 1 : this.seq + 1;
      const seq = this.seq;
      this.counters.commands += 1;
      const answered = new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          if (this.pending?.seq !== seq) return;
          this.pending = null;
          this.counters.timeouts += 1;
          this.onTimeout(command);
          reject(new KioskError('CARD_READER_NOT_RESPONDING', `The card reader did not answer ${commandName(command)} within ${timeoutMs} ms.`, { hint: 'The command is retried or the reader reopened; if it keeps happening, replug the reader.' }));
        }, timeoutMs);
        this.pending = { command, seq, handle, resolve: resolve as (value: unknown) => void, reject, timer };
      });
      // The answer may come (or the channel close) while the write is still under way: mark
      // it handled now; the caller still gets the outcome through the returned promise.
      answered.catch(() => undefined);
      try {
        await this.send(encodeFrame(command, seq, payload));
      } catch (error) {
        this.settle(seq, () => {
          throw new KioskError('CARD_READER_DISCONNECTED', `The card reader could not be written to (${commandName(command)}).`, { hint: 'Check the reader cable.', cause: error });
        });
      }
      return answered;
    };
    const result = this.tail.then(run, run);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Offers a received frame; returns true if it was a reply (taken or stale), false if it is not a reply at all. */
  accept(frame: Frame): boolean {
    if ((frame.type & 0xc0) !== REPLY_BIT) return false;
    const pending = this.pending;
    if (pending === null || frame.seq !== pending.seq || frame.type !== (pending.command | REPLY_BIT)) {
      this.counters.staleReplies += 1;
      return true;
    }
    this.settle(pending.seq, () => pending.handle(splitReply(frame.payload, `${commandName(pending.command)} reply`)));
    return true;
  }

  /**
   * A frame with this header arrived with a bad CRC: if it is the reply to the command on the
   * wire, that command fails now (CARD_READER_PROTOCOL) instead of waiting for its timeout.
   */
  replyCorrupted(type: number, seq: number): void {
    const pending = this.pending;
    if (pending === null || seq !== pending.seq || type !== (pending.command | REPLY_BIT)) return;
    this.settle(pending.seq, () => {
      throw new KioskError('CARD_READER_PROTOCOL', `The card reader's answer to ${commandName(pending.command)} arrived damaged (CRC).`, { hint: 'The command is retried; if this keeps happening, replace the reader cable.' });
    });
  }

  /** Fails the command on the wire and every waiting one with `error`; later requests fail the same way. */
  close(error: KioskError): void {
    this.closedWith = error;
    const pending = this.pending;
    if (pending !== null) this.settle(pending.seq, () => {
      throw error;
    });
  }

  private settle(seq: number, outcome: () => unknown): void {
    const pending = this.pending;
    if (pending === null || pending.seq !== seq) return;
    this.pending = null;
    clearTimeout(pending.timer);
    try {
      pending.resolve(outcome());
    } catch (error) {
      pending.reject(error);
    }
  }
}

import { isKioskError } from '../../src/core/errors.ts';
import type { CommandChannel } from './command-channel.ts';
import type { CardReadFailureCode, CardReaderEvent } from './contract.ts';
import type { HidTiming } from './hid-timing.ts';
import { Command, Led, Result, resultName } from './protocol/constants.ts';
import { decodeChip, decodeState, encodeIndication, type Reply } from './protocol/messages.ts';
import { cardReadFailure } from './reader-errors.ts';

const EMPTY = new Uint8Array(0);

type Verdict = { readonly retry: false } | { readonly retry: true; readonly code: CardReadFailureCode; readonly detail?: string };
const DONE: Verdict = { retry: false };
type FieldCheck = { readonly kind: 'present' | 'absent' } | { readonly kind: 'failed'; readonly detail: string };

/**
 * The card in the reader's field, from CARD_IN to CARD_OUT: announces it (`card-detected`),
 * reads it (READ_CARD) and retries a failed read while the card stays in the field, then
 * reports it read (`card-present`) or not (`card-read-failed`, once), and gone
 * (`card-removed`). A card that failed is not read again until it has left the field. The
 * reader's answers and events are applied in the order they arrive; a result that belongs to
 * a card already gone is dropped.
 */
export class CardSession {
  private state: 'none' | 'reading' | 'read' | 'failed' = 'none';
  private generation = 0;
  private stopped = false;
  /** READ_CARD attempts after the first, over the connection's life. */
  retries = 0;

  constructor(
    private readonly channel: CommandChannel,
    private readonly timing: HidTiming,
    private readonly emit: (event: CardReaderEvent) => void,
  ) {}

  get present(): boolean {
    return this.state !== 'none';
  }

  get busy(): boolean {
    return this.state === 'reading';
  }

  /**
   * A CARD_IN event. One that comes while a card is known (read or failed) means that card
   * left and a card came back with the CARD_OUT lost on the way: the old one is removed first.
   */
  cardArrived(): void {
    if (this.state === 'read' || this.state === 'failed') this.cardOut();
    this.cardIn();
  }

  cardIn(): void {
    if (this.stopped || this.state !== 'none') return;
    this.state = 'reading';
    this.generation += 1;
    this.emit({ type: 'card-detected' });
    void this.read(this.generation).catch(() => undefined);
  }

  cardOut(): void {
    if (this.stopped || this.state === 'none') return;
    if (this.state === 'reading') {
      this.generation += 1;
      this.emit({ type: 'card-read-failed', error: cardReadFailure('CARD_REMOVED_DURING_READ') });
      this.indicate(false);
    }
    this.state = 'none';
    this.emit({ type: 'card-removed' });
  }

  /** What a status reply says about the field, applied when no read is under way. */
  reconcile(cardInField: boolean): void {
    if (cardInField && this.state === 'none') this.cardIn();
    else if (!cardInField && (this.state === 'read' || this.state === 'failed')) this.cardOut();
  }

  /** The connection ended: no more events, results in flight are dropped. */
  stop(): void {
    this.stopped = true;
    this.generation += 1;
    this.state = 'none';
  }

  private async read(generation: number): Promise<void> {
    for (let attempt = 0; ; attempt += 1) {
      let verdict: Verdict;
      try {
        verdict = await this.channel.request(Command.READ_CARD, EMPTY, this.timing.readTimeoutMs, (reply) => this.onReadReply(reply, generation));
      } catch (error) {
        verdict = { retry: true, code: 'CARD_READ_FAILED', detail: detailOf(error) };
      }
      if (!verdict.retry || this.gone(generation)) return;
      if (attempt >= this.timing.readRetries) {
        this.fail(verdict.code, generation, `${verdict.detail === undefined ? '' : `${verdict.detail}; `}${attempt + 1} attempts`);
        return;
      }
      const field = await this.waitForField(generation);
      if (this.gone(generation)) return;
      if (field.kind === 'absent') {
        this.cardOut();
        return;
      }
      if (field.kind === 'failed') {
        this.fail(verdict.code, generation, `${attempt + 1} attempts; then ${field.detail}`);
        return;
      }
      this.retries += 1;
    }
  }

  /**
   * Before a retry: is the card still in the field, and has the reader finished what it was
   * doing (a read the host gave up on may still run: the reader answers BUSY meanwhile)? Polls
   * GET_STATUS every `retryDelayMs` while the reader is busy, for at most twice `readTimeoutMs`.
   */
  private async waitForField(generation: number): Promise<FieldCheck> {
    const deadline = Date.now() + 2 * this.timing.readTimeoutMs;
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, this.timing.retryDelayMs));
      if (this.gone(generation)) return { kind: 'failed', detail: 'gone' };
      let state;
      try {
        state = await this.channel.request(Command.GET_STATUS, EMPTY, this.timing.shortTimeoutMs, (reply) => (reply.result === Result.OK ? decodeState(reply.data) : null));
      } catch (error) {
        return { kind: 'failed', detail: detailOf(error) };
      }
      if (state === null) return { kind: 'failed', detail: 'GET_STATUS refused' };
      if (!state.cardInField) return { kind: 'absent' };
      if (!state.busy) return { kind: 'present' };
      if (Date.now() > deadline) return { kind: 'failed', detail: 'the reader stayed busy' };
    }
  }

  /** Runs in stream order when the READ_CARD reply arrives. */
  private onReadReply(reply: Reply, generation: number): Verdict {
    if (this.gone(generation)) return DONE;
    switch (reply.result) {
      case Result.OK: {
        let card;
        try {
          card = decodeChip(reply.data);
        } catch (error) {
          return { retry: true, code: 'CARD_READ_FAILED', detail: detailOf(error) };
        } finally {
          reply.data.fill(0);
        }
        this.state = 'read';
        this.emit({ type: 'card-present', card });
        this.indicate(true);
        return DONE;
      }
      case Result.NO_CARD:
      case Result.CARD_REMOVED:
        this.cardOut();
        return DONE;
      case Result.NOT_EKTP:
        this.fail('CARD_NOT_EKTP', generation);
        return DONE;
      case Result.CARD_BLOCKED:
        this.fail('CARD_BLOCKED', generation);
        return DONE;
      case Result.SAM_LOCKED:
        this.fail('CARD_READER_SAM_LOCKED', generation);
        return DONE;
      case Result.AUTH_FAILED:
        return { retry: true, code: 'CARD_AUTH_FAILED', detail: 'reader result AUTH_FAILED' };
      default:
        return { retry: true, code: 'CARD_READ_FAILED', detail: `reader result ${resultName(reply.result)}` };
    }
  }

  private fail(code: CardReadFailureCode, generation: number, detail?: string): void {
    if (this.gone(generation)) return;
    this.state = 'failed';
    this.emit({ type: 'card-read-failed', error: cardReadFailure(code, detail) });
    this.indicate(false);
  }

  private gone(generation: number): boolean {
    return this.stopped || generation !== this.generation;
  }

  /** Green light and one beep for a read card, red and two for a failure; best effort. */
  private indicate(ok: boolean): void {
    const payload = encodeIndication(ok ? { led: Led.GREEN, ledMs: 800, beeps: 1, beepMs: 80 } : { led: Led.RED, ledMs: 1500, beeps: 2, beepMs: 80 });
    this.channel.request(Command.INDICATE, payload, this.timing.shortTimeoutMs, () => undefined).catch(() => undefined);
  }
}

/** A technical detail for the message: our own coded errors only (they never hold personal data). */
function detailOf(error: unknown): string {
  return isKioskError(error) ? `${error.code}: ${error.message.replace(/\.$/, '')}` : 'unexpected failure';
}

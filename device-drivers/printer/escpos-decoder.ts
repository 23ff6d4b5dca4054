/**
 * Incremental ESC/POS decoder: bytes in, in chunks of any size (a command may be split across
 * chunks anywhere), commands out. It never throws on input: bytes it does not understand become
 * `unknown` commands so the emulator can warn and carry on.
 */

export type EscPosCommand =
  | { readonly kind: 'initialize' }
  | { readonly kind: 'line-feed' }
  | { readonly kind: 'form-feed' }
  | { readonly kind: 'carriage-return' }
  | { readonly kind: 'feed-units'; readonly units: number }
  | { readonly kind: 'feed-lines'; readonly lines: number }
  | { readonly kind: 'line-spacing'; readonly units: number | 'default' }
  | { readonly kind: 'motion-units'; readonly x: number; readonly y: number }
  | { readonly kind: 'left-margin'; readonly units: number }
  | { readonly kind: 'absolute-position'; readonly units: number }
  | { readonly kind: 'clear-buffers' }
  | { readonly kind: 'print-area-width'; readonly units: number }
  | { readonly kind: 'raster-gs-v-0'; readonly mode: number; readonly bytesPerRow: number; readonly height: number; readonly data: Uint8Array }
  | { readonly kind: 'store-graphics'; readonly via: 'gs-paren-l' | 'gs-8-l'; readonly width: number; readonly height: number; readonly scaleX: number; readonly scaleY: number; readonly tone: number; readonly color: number; readonly data: Uint8Array }
  | { readonly kind: 'print-stored-graphics' }
  | { readonly kind: 'graphics-other'; readonly via: 'gs-paren-l' | 'gs-8-l'; readonly fn: number; readonly length: number }
  | { readonly kind: 'column-image'; readonly mode: number; readonly columns: number; readonly dotsPerColumn: 8 | 24; readonly data: Uint8Array }
  | { readonly kind: 'cut'; readonly mode: number; readonly feedUnits: number }
  | { readonly kind: 'status-request'; readonly n: number }
  | { readonly kind: 'transmit-status'; readonly n: number }
  | { readonly kind: 'text'; readonly length: number }
  | { readonly kind: 'ignored'; readonly name: string; readonly bytes: Uint8Array }
  | { readonly kind: 'unknown'; readonly bytes: Uint8Array };

const ESC = 0x1b;
const GS = 0x1d;
const DLE = 0x10;
const FS = 0x1c;

/** ESC x n commands that take exactly one parameter byte and change nothing the emulator draws. */
const ESC_ONE_PARAM: Readonly<Record<number, string>> = {
  0x20: 'ESC SP (character spacing)',
  0x21: 'ESC ! (print mode)',
  0x2d: 'ESC - (underline)',
  0x3d: 'ESC = (peripheral device)',
  0x3f: 'ESC ? (cancel user character)',
  0x45: 'ESC E (emphasis)',
  0x47: 'ESC G (double strike)',
  0x4d: 'ESC M (font)',
  0x52: 'ESC R (character set)',
  0x54: 'ESC T (print direction)',
  0x55: 'ESC U (unidirectional)',
  0x56: 'ESC V (90 degree rotation)',
  0x61: 'ESC a (justification)',
  0x63: 'ESC c (panel / sensors)',
  0x72: 'ESC r (colour)',
  0x74: 'ESC t (code page)',
  0x7b: 'ESC { (upside down)',
};

/** GS x n commands with one parameter byte that the emulator does not draw. */
const GS_ONE_PARAM: Readonly<Record<number, string>> = {
  0x21: 'GS ! (character size)',
  0x42: 'GS B (reverse)',
  0x48: 'GS H (HRI position)',
  0x49: 'GS I (printer id)',
  0x61: 'GS a (automatic status back)',
  0x62: 'GS b (smoothing)',
  0x66: 'GS f (HRI font)',
  0x68: 'GS h (barcode height)',
  0x77: 'GS w (barcode width)',
};

function le16(bytes: Uint8Array, at: number): number {
  return (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8);
}

/** Growable byte queue with a read offset; appends copy only the new chunk. */
class ByteQueue {
  private buffer = new Uint8Array(4096);
  private start = 0;
  private end = 0;

  get length(): number {
    return this.end - this.start;
  }

  push(chunk: Uint8Array): void {
    if (this.end + chunk.length > this.buffer.length) {
      const pending = this.end - this.start;
      if (pending + chunk.length <= this.buffer.length / 2) {
        this.buffer.copyWithin(0, this.start, this.end);
      } else {
        let size = this.buffer.length;
        while (size < (pending + chunk.length) * 2) size *= 2;
        const next = new Uint8Array(size);
        next.set(this.buffer.subarray(this.start, this.end));
        this.buffer = next;
      }
      this.start = 0;
      this.end = pending;
    }
    this.buffer.set(chunk, this.end);
    this.end += chunk.length;
  }

  at(index: number): number {
    return this.buffer[this.start + index] ?? 0;
  }

  /** Copies n bytes out and consumes them. */
  take(n: number): Uint8Array {
    const out = this.buffer.slice(this.start, this.start + n);
    this.start += n;
    if (this.start === this.end) {
      this.start = 0;
      this.end = 0;
    }
    return out;
  }
}

/** The result of trying to decode one command at the head of the queue. */
type Attempt = { readonly size: number; readonly command: (bytes: Uint8Array) => EscPosCommand } | 'need-more';

export class EscPosDecoder {
  private readonly queue = new ByteQueue();
  /** Bytes consumed into complete commands since creation. */
  consumed = 0;

  /** Bytes received but not yet part of a complete command. */
  get pending(): number {
    return this.queue.length;
  }

  push(chunk: Uint8Array): void {
    if (chunk.length > 0) this.queue.push(chunk);
  }

  /** The next complete command, or undefined when more bytes are needed. */
  next(): EscPosCommand | undefined {
    if (this.queue.length === 0) return undefined;
    const attempt = this.attempt();
    if (attempt === 'need-more') return undefined;
    const bytes = this.queue.take(attempt.size);
    this.consumed += attempt.size;
    return attempt.command(bytes);
  }

  private need(n: number): boolean {
    return this.queue.length < n;
  }

  private u16(at: number): number {
    return this.queue.at(at) | (this.queue.at(at + 1) << 8);
  }

  private attempt(): Attempt {
    const q = this.queue;
    const first = q.at(0);
    switch (first) {
      case 0x0a:
        return { size: 1, command: () => ({ kind: 'line-feed' }) };
      case 0x0c:
        return { size: 1, command: () => ({ kind: 'form-feed' }) };
      case 0x0d:
        return { size: 1, command: () => ({ kind: 'carriage-return' }) };
      case DLE:
        return this.dle();
      case ESC:
        return this.esc();
      case GS:
        return this.gs();
      case FS:
        if (this.need(2)) return 'need-more';
        return { size: 2, command: (bytes) => ({ kind: 'unknown', bytes }) };
      default:
        break;
    }
    if (first >= 0x20) {
      // A run of text (printable bytes); the emulator does not render fonts.
      let n = 1;
      while (n < q.length && q.at(n) >= 0x20) n += 1;
      return { size: n, command: () => ({ kind: 'text', length: n }) };
    }
    return { size: 1, command: (bytes) => ({ kind: 'unknown', bytes }) };
  }

  private dle(): Attempt {
    if (this.need(2)) return 'need-more';
    const second = this.queue.at(1);
    if (second === 0x04) {
      if (this.need(3)) return 'need-more';
      const n = this.queue.at(2);
      return { size: 3, command: () => ({ kind: 'status-request', n }) };
    }
    if (second === 0x05) {
      if (this.need(3)) return 'need-more';
      return { size: 3, command: (bytes) => ({ kind: 'ignored', name: 'DLE ENQ (real-time request)', bytes }) };
    }
    if (second === 0x14) {
      // DLE DC4 fn m t: real-time pulse / power off (fn 1, 2: 3 bytes after DLE DC4);
      // fn 8 d1..d7 = 1 3 20 1 6 2 8: clear buffers (7 bytes after fn).
      if (this.need(3)) return 'need-more';
      if (this.queue.at(2) === 8) {
        if (this.need(10)) return 'need-more';
        const expected = [1, 3, 20, 1, 6, 2, 8];
        if (expected.every((value, i) => this.queue.at(3 + i) === value)) return { size: 10, command: () => ({ kind: 'clear-buffers' }) };
        return { size: 10, command: (bytes) => ({ kind: 'unknown', bytes }) };
      }
      if (this.need(5)) return 'need-more';
      return { size: 5, command: (bytes) => ({ kind: 'ignored', name: 'DLE DC4 (real-time command)', bytes }) };
    }
    return { size: 1, command: (bytes) => ({ kind: 'unknown', bytes }) };
  }

  private esc(): Attempt {
    if (this.need(2)) return 'need-more';
    const q = this.queue;
    const code = q.at(1);
    switch (code) {
      case 0x40:
        return { size: 2, command: () => ({ kind: 'initialize' }) };
      case 0x32:
        return { size: 2, command: () => ({ kind: 'line-spacing', units: 'default' }) };
      case 0x33:
        if (this.need(3)) return 'need-more';
        return { size: 3, command: (b) => ({ kind: 'line-spacing', units: b[2] ?? 0 }) };
      case 0x4a:
        if (this.need(3)) return 'need-more';
        return { size: 3, command: (b) => ({ kind: 'feed-units', units: b[2] ?? 0 }) };
      case 0x24:
        if (this.need(4)) return 'need-more';
        return { size: 4, command: (b) => ({ kind: 'absolute-position', units: le16(b, 2) }) };
      case 0x64:
        if (this.need(3)) return 'need-more';
        return { size: 3, command: (b) => ({ kind: 'feed-lines', lines: b[2] ?? 0 }) };
      case 0x2a: {
        if (this.need(5)) return 'need-more';
        const mode = q.at(2);
        const columns = this.u16(3);
        const dotsPerColumn: 8 | 24 = mode === 32 || mode === 33 ? 24 : 8;
        const size = 5 + columns * (dotsPerColumn / 8);
        if (mode !== 0 && mode !== 1 && mode !== 32 && mode !== 33) return { size: 5, command: (bytes) => ({ kind: 'unknown', bytes }) };
        if (this.need(size)) return 'need-more';
        return { size, command: (b) => ({ kind: 'column-image', mode, columns, dotsPerColumn, data: b.subarray(5) }) };
      }
      default: {
        const name = ESC_ONE_PARAM[code];
        if (name !== undefined) {
          if (this.need(3)) return 'need-more';
          return { size: 3, command: (bytes) => ({ kind: 'ignored', name, bytes }) };
        }
        return { size: 2, command: (bytes) => ({ kind: 'unknown', bytes }) };
      }
    }
  }

  private gs(): Attempt {
    if (this.need(2)) return 'need-more';
    const q = this.queue;
    const code = q.at(1);
    switch (code) {
      case 0x4c:
        if (this.need(4)) return 'need-more';
        return { size: 4, command: (b) => ({ kind: 'left-margin', units: le16(b, 2) }) };
      case 0x57:
        if (this.need(4)) return 'need-more';
        return { size: 4, command: (b) => ({ kind: 'print-area-width', units: le16(b, 2) }) };
      case 0x50:
        if (this.need(4)) return 'need-more';
        return { size: 4, command: (b) => ({ kind: 'motion-units', x: b[2] ?? 0, y: b[3] ?? 0 }) };
      case 0x56: {
        if (this.need(3)) return 'need-more';
        const mode = q.at(2);
        if (mode === 0 || mode === 1 || mode === 48 || mode === 49) return { size: 3, command: () => ({ kind: 'cut', mode, feedUnits: 0 }) };
        if (this.need(4)) return 'need-more';
        return { size: 4, command: (b) => ({ kind: 'cut', mode, feedUnits: b[3] ?? 0 }) };
      }
      case 0x76: {
        if (this.need(3)) return 'need-more';
        if (q.at(2) !== 0x30) return { size: 3, command: (bytes) => ({ kind: 'unknown', bytes }) };
        if (this.need(8)) return 'need-more';
        const mode = q.at(3);
        const bytesPerRow = this.u16(4);
        const height = this.u16(6);
        const size = 8 + bytesPerRow * height;
        if (this.need(size)) return 'need-more';
        return { size, command: (b) => ({ kind: 'raster-gs-v-0', mode, bytesPerRow, height, data: b.subarray(8) }) };
      }
      case 0x28: {
        if (this.need(3)) return 'need-more';
        if (q.at(2) !== 0x4c) {
          // Other GS ( x functions also carry pL pH: skip them whole.
          if (this.need(5)) return 'need-more';
          const size = 5 + this.u16(3);
          if (this.need(size)) return 'need-more';
          return { size, command: (bytes) => ({ kind: 'unknown', bytes: bytes.subarray(0, 5) }) };
        }
        if (this.need(5)) return 'need-more';
        return this.graphics('gs-paren-l', 5, this.u16(3));
      }
      case 0x38: {
        if (this.need(3)) return 'need-more';
        if (q.at(2) !== 0x4c) return { size: 3, command: (bytes) => ({ kind: 'unknown', bytes }) };
        if (this.need(7)) return 'need-more';
        const params = (q.at(3) | (q.at(4) << 8) | (q.at(5) << 16)) + q.at(6) * 0x1000000;
        return this.graphics('gs-8-l', 7, params);
      }
      case 0x72: {
        // GS r n: transmit status, processed in order with the data (not real-time).
        if (this.need(3)) return 'need-more';
        const n = q.at(2);
        return { size: 3, command: () => ({ kind: 'transmit-status', n }) };
      }
      default: {
        const name = GS_ONE_PARAM[code];
        if (name !== undefined) {
          if (this.need(3)) return 'need-more';
          return { size: 3, command: (bytes) => ({ kind: 'ignored', name, bytes }) };
        }
        return { size: 2, command: (bytes) => ({ kind: 'unknown', bytes }) };
      }
    }
  }

  /** GS ( L / GS 8 L: header bytes, then `params` bytes starting with m fn. */
  private graphics(via: 'gs-paren-l' | 'gs-8-l', headerSize: number, params: number): Attempt {
    const size = headerSize + params;
    if (this.need(size)) return 'need-more';
    const q = this.queue;
    const fn = params >= 2 ? q.at(headerSize + 1) : -1;
    if ((fn === 0x70 || fn === 112) && params >= 10) {
      const h = headerSize;
      const tone = q.at(h + 2);
      const scaleX = q.at(h + 3);
      const scaleY = q.at(h + 4);
      const color = q.at(h + 5);
      const width = this.u16(h + 6);
      const height = this.u16(h + 8);
      return {
        size,
        command: (b) => ({ kind: 'store-graphics', via, width, height, scaleX, scaleY, tone, color, data: b.subarray(h + 10) }),
      };
    }
    if ((fn === 0x32 || fn === 2) && params === 2) return { size, command: () => ({ kind: 'print-stored-graphics' }) };
    return { size, command: () => ({ kind: 'graphics-other', via, fn, length: params }) };
  }
}

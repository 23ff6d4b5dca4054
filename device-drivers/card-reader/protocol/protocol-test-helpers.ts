import { FrameParser, type FrameError } from './frame-parser.ts';
import type { Frame } from './frame-codec.ts';

/** A parser with everything it emitted collected, for tests and the fuzz. */
export function collectingParser(): { parser: FrameParser; frames: Frame[]; errors: FrameError[] } {
  const frames: Frame[] = [];
  const errors: FrameError[] = [];
  const parser = new FrameParser({ frame: (frame) => frames.push(frame), error: (error) => errors.push(error) });
  return { parser, frames, errors };
}

export function hex(bytes: Uint8Array): string {
  return [...bytes].map((byte) => byte.toString(16).padStart(2, '0').toUpperCase()).join(' ');
}

export function fromHex(text: string): Uint8Array {
  return Uint8Array.from(text.trim().split(/\s+/), (pair) => Number.parseInt(pair, 16));
}

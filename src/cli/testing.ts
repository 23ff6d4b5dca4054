import type { CliIo } from './command.ts';

/** Test support: a CliIo that records what a command writes. */
export interface RecordingIo extends CliIo {
  out(): string;
  err(): string;
}

export function fakeIo(env: Record<string, string | undefined> = {}, signal: AbortSignal = new AbortController().signal): RecordingIo {
  let out = '';
  let err = '';
  return {
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text) },
    env,
    signal,
    out: () => out,
    err: () => err,
  };
}

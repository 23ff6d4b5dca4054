import { parseArgs, type ParseArgsConfig } from 'node:util';
import { KioskError } from '../core/errors.ts';

/**
 * One `adm-kiosk` sub-command. Exit codes: 0 success, 1 the operation failed (printer
 * fault, registry refused, ...), 2 bad arguments or configuration.
 */
export interface CliIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Fires when the user asks the command to stop (Ctrl-C); long-running commands watch it. */
  readonly signal: AbortSignal;
  /** Standard input, for commands that read from it (`staff hash-pin`). */
  readonly stdin?: NodeJS.ReadableStream & { readonly isTTY?: boolean; setRawMode?(mode: boolean): unknown };
}

export interface Command {
  /** Words that select it: e.g. ['log', 'export']. */
  readonly path: readonly string[];
  readonly summary: string;
  /** Full help text printed by --help. */
  readonly help: string;
  run(args: readonly string[], io: CliIo): Promise<number>;
}

/** A command as the dispatcher lists it: the module behind it loads only when it runs. */
export interface CommandEntry {
  readonly path: readonly string[];
  readonly summary: string;
  load(): Promise<Command>;
}

/** Bad arguments: printed with the command's usage, exit code 2. */
export class UsageError extends KioskError {
  constructor(message: string, hint?: string) {
    super('ARGUMENT_INVALID', message, hint === undefined ? {} : { hint });
  }
}

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/**
 * Strict parsing: an unknown option, a missing value, a stray positional or an option that
 * takes one value given twice (`--nik A --nik B`: which one did the person mean?) becomes a
 * UsageError naming the argument.
 */
export function parseOptions<O extends OptionSpec>(args: readonly string[], options: O, allowPositionals = false) {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options, strict: true, allowPositionals, tokens: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new UsageError(message.replace(/^TypeError \[[A-Z_]+\]: /, ''), 'Run the command with --help to see what it accepts.');
  }
  const seen = new Set<string>();
  for (const token of parsed.tokens) {
    if (token.kind !== 'option') continue;
    const spec = options[token.name];
    if (spec === undefined || spec.type !== 'string' || spec.multiple === true) continue;
    if (seen.has(token.name)) throw new UsageError(`--${token.name} is given more than once.`, `Give --${token.name} once; run the command with --help to see what it accepts.`);
    seen.add(token.name);
  }
  const { values, positionals } = parsed;
  return { values, positionals };
}

export function requireOption(value: string | undefined, name: string, accepts: string): string {
  if (value === undefined || value === '') throw new UsageError(`--${name} is required: ${accepts}.`);
  return value;
}

export function parseIsoDateOption(value: string, name: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
    throw new UsageError(`--${name} must be a date as YYYY-MM-DD, got "${value}".`);
  }
  return value;
}

export function parseIntegerOption(value: string, name: string, min: number, max: number): number {
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got "${value}".`);
  }
  return Number(value);
}

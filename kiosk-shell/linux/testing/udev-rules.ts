import { readFileSync } from 'node:fs';

/**
 * Test support: a small evaluator of udev rules files, enough for the kiosk's rules (this
 * machine's udev has no `udevadm verify`, and `udevadm test` needs the real device). It parses
 * every line strictly (known keys and operators only) and runs a device through the rules as
 * udev does: match keys (==, !=, with * and ? globs) gate a line, GOTO jumps to its LABEL,
 * assignments (=, +=, :=) set the result.
 */
export interface Device {
  readonly action: string;
  readonly subsystem: string;
  /** ATTRS{}: attributes of the device or any parent (idVendor, idProduct, ...). */
  readonly attrs: Readonly<Record<string, string>>;
}

export interface Outcome {
  group?: string;
  mode?: string;
  symlinks: string[];
  env: Record<string, string>;
}

interface Pair {
  readonly key: string;
  readonly attr?: string;
  readonly op: '==' | '!=' | '=' | '+=' | ':=';
  readonly value: string;
}

type Line = { kind: 'rule'; pairs: Pair[] } | { kind: 'label'; name: string };

const MATCH_KEYS = new Set(['ACTION', 'SUBSYSTEM', 'ATTRS', 'ATTR', 'KERNEL']);
const ASSIGN_KEYS = new Set(['GROUP', 'MODE', 'SYMLINK', 'ENV', 'GOTO', 'OWNER', 'TAG']);

export function parseRules(text: string): Line[] {
  const lines: Line[] = [];
  for (const [index, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const pairs: Pair[] = [];
    let rest = line;
    while (rest !== '') {
      const m = /^([A-Z]+)(?:\{([A-Za-z_]+)\})?(==|!=|\+=|:=|=)"([^"]*)"\s*(?:,\s*|$)/.exec(rest);
      if (m === null) throw new Error(`line ${index + 1}: cannot read "${rest}"`);
      const key = m[1] ?? '';
      const op = m[3] as Pair['op'];
      const isMatch = op === '==' || op === '!=';
      if (!(isMatch ? MATCH_KEYS : ASSIGN_KEYS).has(key) && key !== 'LABEL') throw new Error(`line ${index + 1}: ${key}${op} is not a known ${isMatch ? 'match' : 'assignment'}`);
      pairs.push({ key, ...(m[2] === undefined ? {} : { attr: m[2] }), op, value: m[4] ?? '' });
      rest = rest.slice(m[0].length);
    }
    const label = pairs.find((pair) => pair.key === 'LABEL');
    if (label !== undefined) {
      if (pairs.length !== 1) throw new Error(`line ${index + 1}: LABEL stands alone`);
      lines.push({ kind: 'label', name: label.value });
    } else lines.push({ kind: 'rule', pairs });
  }
  for (const line of lines) {
    if (line.kind !== 'rule') continue;
    const target = line.pairs.find((pair) => pair.key === 'GOTO')?.value;
    if (target !== undefined && !lines.some((l) => l.kind === 'label' && l.name === target)) throw new Error(`GOTO "${target}" has no LABEL`);
  }
  return lines;
}

export function readRules(file: string): Line[] {
  return parseRules(readFileSync(file, 'utf8'));
}

/** udev's * and ? (the kiosk's rules use no [] classes or | alternatives). */
function glob(pattern: string, value: string): boolean {
  return new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`).test(value);
}

function matches(pair: Pair, device: Device): boolean {
  const actual = pair.key === 'ACTION' ? device.action : pair.key === 'SUBSYSTEM' ? device.subsystem : pair.attr === undefined ? undefined : device.attrs[pair.attr];
  const hit = actual !== undefined && glob(pair.value, actual);
  return pair.op === '==' ? hit : !hit;
}

export function evaluate(lines: readonly Line[], device: Device): Outcome {
  const outcome: Outcome = { symlinks: [], env: {} };
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i];
    if (line === undefined || line.kind === 'label') continue;
    if (!line.pairs.filter((p) => p.op === '==' || p.op === '!=').every((p) => matches(p, device))) continue;
    for (const pair of line.pairs) {
      if (pair.op === '==' || pair.op === '!=') continue;
      if (pair.key === 'GROUP') outcome.group = pair.value;
      else if (pair.key === 'MODE') outcome.mode = pair.value;
      else if (pair.key === 'SYMLINK') outcome.symlinks = pair.op === '+=' ? [...outcome.symlinks, pair.value] : [pair.value];
      else if (pair.key === 'ENV' && pair.attr !== undefined) outcome.env[pair.attr] = pair.value;
    }
    const target = line.pairs.find((pair) => pair.key === 'GOTO')?.value;
    if (target !== undefined) i = lines.findIndex((l) => l.kind === 'label' && l.name === target);
  }
  return outcome;
}

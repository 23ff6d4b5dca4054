import { readFileSync } from 'node:fs';

/**
 * A systemd unit file as sections of keys, each with its values in order (a key may repeat,
 * e.g. Environment=). Comments and blank lines dropped; no line continuations (the kiosk's
 * units use none). For tests and for checks that read the unit the deb installs.
 */
export type UnitFile = Map<string, Map<string, string[]>>;

export function parseUnit(text: string): UnitFile {
  const unit: UnitFile = new Map();
  let section: Map<string, string[]> | null = null;
  for (const [index, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[([A-Za-z]+)\]$/.exec(line);
    if (header !== null) {
      section = new Map();
      unit.set(header[1] ?? '', section);
      continue;
    }
    const pair = /^([A-Za-z][A-Za-z0-9]*)=(.*)$/.exec(line);
    if (pair === null || section === null) throw new Error(`line ${index + 1} is not "Key=value" inside a section: ${line}`);
    const key = pair[1] ?? '';
    section.set(key, [...(section.get(key) ?? []), pair[2] ?? '']);
  }
  return unit;
}

export function readUnit(file: string): UnitFile {
  return parseUnit(readFileSync(file, 'utf8'));
}

/** The last value of a key (systemd's rule for single-value keys), or undefined. */
export function value(unit: UnitFile, section: string, key: string): string | undefined {
  return unit.get(section)?.get(key)?.at(-1);
}

/** Environment= assignments merged. */
export function environment(unit: UnitFile): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of unit.get('Service')?.get('Environment') ?? []) {
    const at = entry.indexOf('=');
    out[entry.slice(0, at)] = entry.slice(at + 1);
  }
  return out;
}

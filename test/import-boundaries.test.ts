import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The parts' import rules that keep the layers apart (docs/architecture.md): print-templates
 * imports nothing from src/printing (the PDF rasteriser they share lives in print-templates),
 * and nothing under kiosk-shell imports from src/cli (the shells are doors on the host, not on
 * the command line). Every static import, re-export and dynamic import() is checked.
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const SPECIFIER = /\b(?:import|export)\s[^'";]*?from\s*['"]([^'"]+)['"]|\bimport\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Relative import specifiers of a source text. */
function importsOf(source: string): string[] {
  const out: string[] = [];
  for (const match of source.matchAll(SPECIFIER)) {
    const specifier = match[1] ?? match[2] ?? match[3];
    if (specifier !== undefined && specifier.startsWith('.')) out.push(specifier);
  }
  return out;
}

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sources(path));
    else if (/\.(ts|tsx|mts|js|mjs)$/.test(entry.name)) out.push(path);
  }
  return out;
}

/** `file imports specifier` for every import from under `from` that resolves into `forbidden`. */
function violations(from: string, forbidden: string, read: (path: string) => string = (path) => readFileSync(path, 'utf8'), files = sources(join(ROOT, from))): string[] {
  const target = join(ROOT, forbidden);
  const out: string[] = [];
  for (const file of files) {
    for (const specifier of importsOf(read(file))) {
      const resolved = resolve(dirname(file), specifier);
      if (resolved === target || resolved.startsWith(`${target}/`)) out.push(`${relative(ROOT, file)} imports ${specifier}`);
    }
  }
  return out;
}

describe('import boundaries', () => {
  it('print-templates imports nothing from src/printing', () => {
    expect(violations('print-templates', 'src/printing')).toEqual([]);
  });

  it('nothing under kiosk-shell imports from src/cli', () => {
    expect(violations('kiosk-shell', 'src/cli'), 'imports from src/cli under kiosk-shell').toEqual([]);
  });

  it('the check sees static imports, re-exports, side-effect and dynamic imports (it can fail)', () => {
    const file = join(ROOT, 'print-templates', 'templates', 'example.ts');
    const text = [
      "import { a } from '../../src/printing/prepare.ts';",
      "import type {\n  B,\n} from '../../src/printing/bands.ts';",
      "export { c } from '../../src/printing/index.ts';",
      "import '../../src/printing/warm-up.ts';",
      "const d = await import('../../src/printing/preview.ts');",
      "import { fine } from '../pdf-raster.ts';",
      "import { alsoFine } from '../../src/core/errors.ts';",
    ].join('\n');
    expect(violations('print-templates', 'src/printing', () => text, [file])).toEqual([
      'print-templates/templates/example.ts imports ../../src/printing/prepare.ts',
      'print-templates/templates/example.ts imports ../../src/printing/bands.ts',
      'print-templates/templates/example.ts imports ../../src/printing/index.ts',
      'print-templates/templates/example.ts imports ../../src/printing/warm-up.ts',
      'print-templates/templates/example.ts imports ../../src/printing/preview.ts',
    ]);
  });
});

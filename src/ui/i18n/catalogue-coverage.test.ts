import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { id } from './id.ts';

/**
 * Every word a resident reads comes from the catalogue: the UI's TSX is parsed with the
 * TypeScript compiler and any JSX text or user-facing attribute (aria-label, alt, title,
 * placeholder, aria-valuetext) written as a literal with letters in it is a finding. And
 * every catalogue key is used somewhere, so the two catalogues cannot drift from the screens.
 */
const UI = join(import.meta.dirname, '..');
const USER_FACING_ATTRIBUTES = new Set(['aria-label', 'alt', 'title', 'placeholder', 'aria-valuetext']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

function literalTexts(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && /\p{L}/u.test(node.text)) found.push(node.text.trim());
    if (ts.isJsxAttribute(node) && USER_FACING_ATTRIBUTES.has(node.name.getText(source)) && node.initializer !== undefined && ts.isStringLiteral(node.initializer) && /\p{L}/u.test(node.initializer.text)) {
      found.push(`${node.name.getText(source)}="${node.initializer.text}"`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found.map((text) => `${relative(UI, file)}: ${text}`);
}

describe('the catalogue covers the UI', () => {
  it('no word on screen is written in the components instead of the catalogue', () => {
    const files = sourceFiles(UI).filter((f) => f.endsWith('.tsx'));
    expect(files.length).toBeGreaterThan(15);
    expect(files.flatMap(literalTexts)).toEqual([]);
  });

  it('every catalogue key is used by the UI (error codes, document types and PIN fates by their prefix)', () => {
    const code = sourceFiles(UI)
      .filter((f) => !f.includes(`${join('i18n', 'id.ts')}`) && !f.includes(`${join('i18n', 'en.ts')}`))
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    // Keys built at run time: `error.${code}`, `doctype.${type}`, `pin.${fate}`, `outOfService.part.${part}`.
    const dynamic = ['error.', 'doctype.', 'pin.', 'outOfService.part.'].filter((prefix) => code.includes(`\`${prefix}\${`));
    expect(dynamic).toHaveLength(4);
    const unused = Object.keys(id).filter((key) => !code.includes(`'${key}'`) && !dynamic.some((prefix) => key.startsWith(prefix)));
    expect(unused).toEqual([]);
  });
});

// Is dist/electron/cli.mjs (the compiled adm-kiosk command line) current? Plain JavaScript, so
// that bin/adm-kiosk answers without loading a TypeScript compiler: it compares the modified
// times of the sources the bundle was built from (cli.inputs.json, written by
// kiosk-shell/electron/build.ts) with the time that build started.
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const bundleDir = join(root, 'dist', 'electron');

/**
 * `{ current: true }`, or `{ current: false, reason }` with the reason in words: no bundle, or
 * the first source found changed (or gone) since the bundle was built.
 * @param {string} [dir] the folder holding cli.mjs and cli.inputs.json
 * @returns {{ current: true } | { current: false, reason: string }}
 */
export function cliBundleState(dir = bundleDir) {
  let manifest;
  try {
    statSync(join(dir, 'cli.mjs'));
    manifest = JSON.parse(readFileSync(join(dir, 'cli.inputs.json'), 'utf8'));
  } catch (error) {
    if (error instanceof SyntaxError) return { current: false, reason: 'its list of sources is damaged' };
    if (error?.code === 'ENOENT') return { current: false, reason: 'it is not built yet' };
    throw error;
  }
  if (typeof manifest?.builtAtMs !== 'number' || !Array.isArray(manifest.inputs)) return { current: false, reason: 'its list of sources is damaged' };
  for (const input of manifest.inputs) {
    let modified;
    try {
      modified = statSync(join(root, input)).mtimeMs;
    } catch (error) {
      if (error?.code === 'ENOENT') return { current: false, reason: `${input} is gone` };
      throw error;
    }
    if (modified > manifest.builtAtMs) return { current: false, reason: `${input} changed` };
  }
  return { current: true };
}

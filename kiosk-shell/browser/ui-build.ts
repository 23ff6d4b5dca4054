import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built renderer (dist/ui) and a check that it is not older than its sources. */
export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const uiDistDir = join(projectRoot, 'dist', 'ui');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else if (!entry.name.endsWith('.test.ts') && !entry.name.endsWith('.test.tsx')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

export function uiBuildIsCurrent(): boolean {
  const index = join(uiDistDir, 'index.html');
  if (!existsSync(index)) return false;
  const built = statSync(index).mtimeMs;
  return ['src/ui', 'src/api', 'src/core'].every((dir) => newestMtime(join(projectRoot, dir)) <= built);
}

/** Builds the renderer with Vite when it is missing or stale; returns true when it built. */
export async function ensureUiBuilt(log: (line: string) => void): Promise<boolean> {
  if (uiBuildIsCurrent()) return false;
  log('Building the kiosk UI (first start or changed sources)...');
  const { build } = await import('vite');
  await build({ configFile: join(projectRoot, 'vite.config.ts'), logLevel: 'warn' });
  return true;
}

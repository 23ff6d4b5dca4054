import { readdirSync, statfsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Drive } from '../../api/ops-contract.ts';

/**
 * Removable drives as desktop Linux mounts them: `/media/<user>/<label>` (Debian, Ubuntu's
 * udisks2) and `/run/media/<user>/<label>` (Fedora, Arch). Each such folder is a drive; the
 * roots are configurable (`ops.driveRoots`; tests use a temporary folder).
 */
export function listDrives(roots: readonly string[]): Drive[] {
  const drives: Drive[] = [];
  for (const root of roots) {
    for (const user of subfolders(root)) {
      for (const label of subfolders(join(root, user))) {
        const path = join(root, user, label);
        const freeBytes = freeSpace(path);
        if (freeBytes !== null) drives.push({ path, name: label, freeBytes });
      }
    }
  }
  return drives.sort((a, b) => a.path.localeCompare(b.path));
}

/** The drive the caller named, only if it is one of those listed now (never any other path). */
export function findDrive(roots: readonly string[], path: string): Drive | undefined {
  const wanted = resolve(path);
  return listDrives(roots).find((drive) => drive.path === wanted);
}

function freeSpace(path: string): number | null {
  try {
    const fs = statfsSync(path);
    return fs.bavail * fs.bsize;
  } catch {
    return null;
  }
}

function subfolders(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.filter((name) => !name.startsWith('.') && isDirectory(join(dir, name))).sort();
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

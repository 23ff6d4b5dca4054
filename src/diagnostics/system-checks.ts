import { statfsSync } from 'node:fs';
import { uptime as machineUptime } from 'node:os';
import { OK_NOTHING_TO_DO, type CheckResult } from './report.ts';

/**
 * The system section: software version, uptime, the data folder and its free disk, and the
 * configuration with every secret redacted.
 */
export const LOW_DISK_BYTES = 500 * 1024 * 1024;
export const FULL_DISK_BYTES = 50 * 1024 * 1024;

export interface SystemCheckOptions {
  readonly version: string;
  readonly mode: 'demo' | 'production';
  readonly kioskId: string;
  readonly dataDir: string;
  /** Seconds this kiosk process has run (the CLI says its own). */
  readonly processUptimeSeconds: number;
  /** The configuration as loaded (defaults filled in); secrets are redacted here. */
  readonly config: unknown;
  /** Problems that stop this configuration from running (kinds this version lacks, demo parts in production). */
  readonly configProblems?: readonly string[];
  /** Free bytes at a path (default: statfs); injected in tests. */
  readonly freeBytes?: (path: string) => number;
}

/** Keys whose values are secrets: PIN hashes, keys, tokens, passwords, client credentials. */
const SECRET_KEY = /(secret|token|password|passphrase|pin|hash|key|credential|private|cert|auth)/i;

/** The configuration with the value of every secret-looking key replaced, as JSON lines. */
export function redactConfig(config: unknown): unknown {
  if (Array.isArray(config)) return config.map(redactConfig);
  if (typeof config !== 'object' || config === null) return config;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config as Record<string, unknown>)) {
    if (!SECRET_KEY.test(key) || value === undefined || value === null) out[key] = redactConfig(value);
    else out[key] = typeof value === 'object' ? redactAll(value) : '[redacted]';
  }
  return out;
}

function redactAll(value: object): unknown {
  if (Array.isArray(value)) return value.map(() => '[redacted]');
  return Object.fromEntries(Object.keys(value).map((key) => [key, '[redacted]']));
}

function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  return d > 0 ? `${d} d ${h} h ${m} min` : h > 0 ? `${h} h ${m} min` : `${m} min ${s % 60} s`;
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
  return `${Math.round(bytes / 1024 ** 2)} MiB`;
}

function defaultFreeBytes(path: string): number {
  const stats = statfsSync(path);
  return Number(stats.bavail) * Number(stats.bsize);
}

export function checkSystem(options: SystemCheckOptions): CheckResult[] {
  const checks: CheckResult[] = [
    {
      id: 'system.version',
      label: 'Software',
      level: 'ok',
      words: `adm-kiosk ${options.version}, ${options.mode} mode, kiosk ${options.kioskId}; Node.js ${process.versions.node}`,
      whatToDo: OK_NOTHING_TO_DO,
      facts: { version: options.version, mode: options.mode, kioskId: options.kioskId, node: process.versions.node },
    },
    {
      id: 'system.uptime',
      label: 'Uptime',
      level: 'ok',
      words: `kiosk process ${formatDuration(options.processUptimeSeconds)}, machine ${formatDuration(machineUptime())}`,
      whatToDo: OK_NOTHING_TO_DO,
      facts: { processSeconds: Math.floor(options.processUptimeSeconds), machineSeconds: Math.floor(machineUptime()) },
    },
  ];
  let free: number | null = null;
  let diskError: string | null = null;
  try {
    free = (options.freeBytes ?? defaultFreeBytes)(options.dataDir);
  } catch (error) {
    diskError = error instanceof Error ? error.message : String(error);
  }
  const disk = { id: 'system.disk', label: 'Data folder and free disk', facts: { dataDir: options.dataDir, freeBytes: free } };
  if (free === null) checks.push({ ...disk, level: 'broken', words: `${options.dataDir} cannot be read: ${diskError ?? ''}`, whatToDo: 'Check the data folder exists and belongs to the kiosk user (docs/operations.md).' });
  else if (free < FULL_DISK_BYTES) checks.push({ ...disk, level: 'broken', words: `${options.dataDir}: disk nearly full, ${formatBytes(free)} free`, whatToDo: 'Free disk space now: export and archive old print log data and pages (emulator PNGs), remove old files in /tmp.' });
  else if (free < LOW_DISK_BYTES) checks.push({ ...disk, level: 'warn', words: `${options.dataDir}: ${formatBytes(free)} free`, whatToDo: 'Free some disk space soon (old emulator pages, rotated logs).' });
  else checks.push({ ...disk, level: 'ok', words: `${options.dataDir}: ${formatBytes(free)} free`, whatToDo: OK_NOTHING_TO_DO });
  const problems = options.configProblems ?? [];
  checks.push({
    id: 'system.config',
    label: 'Configuration (secrets redacted)',
    level: problems.length > 0 ? 'broken' : 'ok',
    words: problems.length > 0 ? `this configuration cannot run: ${problems.join(' ')}` : 'valid',
    whatToDo: problems.length > 0 ? 'Fix the keys named (docs/operations.md lists every key and value).' : OK_NOTHING_TO_DO,
    lines: JSON.stringify(redactConfig(options.config), null, 2).split('\n'),
  });
  return checks;
}

/**
 * The one benchmark harness: `npm run bench` runs every `test/bench/*.bench.ts`. Each exports
 * `default async function (bench: Bench)`; it measures with `time` and prints rows with
 * ratios against a baseline measured in the same run (never against a number from elsewhere).
 */
export interface Timing {
  readonly medianMs: number;
  readonly p95Ms: number;
  readonly runs: number;
}

export interface Bench {
  /** Runs `fn` `warmup` times unmeasured, then `runs` times measured. */
  time(fn: () => unknown, options?: { runs?: number; warmup?: number }): Promise<Timing>;
  section(title: string): void;
  /** One result line: label and named values (numbers are printed with sensible precision). */
  row(label: string, values: Readonly<Record<string, string | number>>): void;
  /** A target from an issue: printed as PASS/MISS, never fails the run. */
  target(label: string, met: boolean, detail: string): void;
}

function format(value: string | number): string {
  if (typeof value === 'string') return value;
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) >= 100 ? value.toFixed(0) : Math.abs(value) >= 1 ? value.toFixed(2) : value.toFixed(3);
}

export function createBench(write: (line: string) => void): Bench & { misses: string[] } {
  const misses: string[] = [];
  return {
    misses,
    async time(fn, options = {}) {
      const runs = options.runs ?? 15;
      const warmup = options.warmup ?? 3;
      for (let i = 0; i < warmup; i += 1) await fn();
      const samples: number[] = [];
      for (let i = 0; i < runs; i += 1) {
        const start = process.hrtime.bigint();
        await fn();
        samples.push(Number(process.hrtime.bigint() - start) / 1e6);
      }
      samples.sort((a, b) => a - b);
      const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? NaN;
      return { medianMs: at(0.5), p95Ms: at(0.95), runs };
    },
    section(title) {
      write(`\n## ${title}`);
    },
    row(label, values) {
      write(`${label.padEnd(34)} ${Object.entries(values).map(([k, v]) => `${k}=${format(v)}`).join('  ')}`);
    },
    target(label, met, detail) {
      if (!met) misses.push(label);
      write(`  [${met ? 'PASS' : 'MISS'}] ${label}: ${detail}`);
    },
  };
}

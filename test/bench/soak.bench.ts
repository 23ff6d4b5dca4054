import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import type { KioskApi, SessionView } from '../../src/api/contract.ts';
import { DemoRegistry, demoStateFilePath } from '../../src/records/demo-registry.ts';
import { startFaultKiosk, type FaultKiosk } from '../faults/fault-kiosk.ts';
import { cli, tempDir } from '../integration/serial-rig.ts';
import type { Bench } from './harness.ts';

/**
 * The soak of issue 14: ADM_KIOSK_SOAK_SESSIONS resident sessions (default 10 000) through the
 * browser shell's API on a real `adm-kiosk start --shell browser --headless` process (demo
 * registry, simulated reader, the in-process ESC/POS emulator as the printer): tap a demo
 * card, choose, PIN, preview (the image fetched as the UI does), print, done, end. When every
 * print-ready demo document has been printed, the demo registry's state is reset (as
 * `adm-kiosk demo reset` does) beside the running kiosk. Reports the kiosk process's RSS, its
 * V8 heap after a full GC (over the inspector), its open file descriptors, at the start (after
 * a warm-up) and at the end, and sessions per minute. Targets: growth under 10 %, no
 * descriptor leak. (`npm run bench -- soak`; 120-160 sessions a minute on this machine.)
 */
interface Usage {
  readonly rssMb: number;
  readonly heapMb: number;
  readonly fds: number;
}

interface Document {
  readonly nik: string;
  readonly documentId: string;
  readonly pin: string;
}

/** A tiny CDP client over the kiosk's inspector: a full GC, then the heap in use. */
async function inspector(kiosk: FaultKiosk): Promise<{ heapMb: () => Promise<number>; close: () => void }> {
  await kiosk.waitForOutput(/Debugger listening on ws:\/\/\S+/);
  const url = /Debugger listening on (ws:\/\/\S+)/.exec(kiosk.output())?.[1] ?? '';
  const socket = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  let id = 0;
  const pending = new Map<number, (result: unknown) => void>();
  socket.on('message', (data: Buffer) => {
    const message = JSON.parse(data.toString('utf8')) as { id?: number; result?: unknown };
    if (message.id !== undefined) pending.get(message.id)?.(message.result);
  });
  const send = (method: string): Promise<unknown> =>
    new Promise((resolve) => {
      id += 1;
      pending.set(id, resolve);
      socket.send(JSON.stringify({ id, method }));
    });
  return {
    heapMb: async () => {
      await send('HeapProfiler.collectGarbage');
      const usage = (await send('Runtime.getHeapUsage')) as { usedSize: number };
      return usage.usedSize / 2 ** 20;
    },
    close: () => socket.close(),
  };
}

async function usage(kiosk: FaultKiosk, heapMb: () => Promise<number>): Promise<Usage> {
  const heap = await heapMb();
  const status = readFileSync(`/proc/${kiosk.pid()}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return { rssMb: rssKb / 1024, heapMb: heap, fds: readdirSync(`/proc/${kiosk.pid()}/fd`).length };
}

async function until(api: KioskApi, predicate: (view: SessionView) => boolean, what: string): Promise<SessionView> {
  const started = Date.now();
  for (;;) {
    const view = await api.getSession({});
    if (predicate(view)) return view;
    if (Date.now() - started > 60_000) throw new Error(`the session never reached ${what}: ${JSON.stringify(view.state).slice(0, 300)}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function printReady(dataDir: string): Promise<Document[]> {
  const run = await cli(['demo', 'citizens', '--json', '--data-dir', dataDir]);
  if (run.status !== 0) throw new Error(`adm-kiosk demo citizens failed: ${run.stderr}`);
  const citizens = JSON.parse(run.stdout) as { nik: string; documents: { id: string; pin: string; status: string }[] }[];
  return citizens.flatMap((c) => c.documents.filter((d) => d.status === 'ready').map((d) => ({ nik: c.nik, documentId: d.id, pin: d.pin })));
}

/** One resident, start to end. */
async function session(api: KioskApi, document: Document): Promise<void> {
  await api.tapDemoCard({ nik: document.nik });
  await until(api, (view) => view.state.step === 'choosing', 'choosing');
  await api.chooseDocument({ documentId: document.documentId });
  await api.submitPin({ pin: document.pin });
  const preview = await until(api, (view) => view.state.step !== 'authorizing', 'the preview');
  if (preview.state.step !== 'previewing') throw new Error(`no preview: ${JSON.stringify(preview.state).slice(0, 300)}`);
  await api.getPreview({});
  await api.startPrint({});
  const end = await until(api, (view) => view.state.step === 'done' || view.state.step === 'error', 'the end of the print');
  if (end.state.step !== 'done') throw new Error(`the print failed: ${JSON.stringify(end.state).slice(0, 300)}`);
  await api.endSession({});
  await until(api, (view) => view.state.step === 'attract', 'attract');
}

export default async function soak(bench: Bench): Promise<void> {
  const sessions = Number(process.env['ADM_KIOSK_SOAK_SESSIONS'] ?? 10_000);
  if (!Number.isInteger(sessions) || sessions < 1) throw new Error(`ADM_KIOSK_SOAK_SESSIONS must be a whole number of sessions, got "${process.env['ADM_KIOSK_SOAK_SESSIONS'] ?? ''}"`);
  const warmup = Math.min(20, Math.max(1, Math.floor(sessions / 10)));
  const dir = tempDir('adm-soak-');
  const kiosk = await startFaultKiosk({ dir, config: { printer: { uri: `emulator:${join(dir, 'paper')}` } }, nodeArgs: ['--inspect=127.0.0.1:0'] });
  const probe = await inspector(kiosk);
  try {
    const api = kiosk.api();
    let ready: Document[] = [];
    let resets = 0;
    const next = async (): Promise<Document> => {
      if (ready.length === 0) {
        ready = await printReady(kiosk.dataDir);
        if (ready.length === 0) {
          // Every document printed: `adm-kiosk demo reset`'s reset, beside the running kiosk.
          const registry = new DemoRegistry({ stateFile: demoStateFilePath(kiosk.dataDir) });
          registry.reset();
          registry.close();
          resets += 1;
          ready = await printReady(kiosk.dataDir);
        }
      }
      const document = ready.shift();
      if (document === undefined) throw new Error('no print-ready demo document');
      return document;
    };
    for (let i = 0; i < warmup; i += 1) await session(api, await next());
    const start = await usage(kiosk, probe.heapMb);
    const started = performance.now();
    // The heap at each quarter too: growth that levels off is a cache filling, growth that keeps on is a leak.
    const quarters: Usage[] = [];
    for (let i = 0; i < sessions; i += 1) {
      await session(api, await next());
      if (sessions >= 8 && (i + 1) % Math.floor(sessions / 4) === 0 && quarters.length < 3) quarters.push(await usage(kiosk, probe.heapMb));
    }
    const minutes = (performance.now() - started) / 60_000;
    const end = await usage(kiosk, probe.heapMb);
    const growth = (a: number, b: number): number => (b - a) / a;
    bench.row('soak: sessions', { sessions, warmup, demoResets: resets, minutes, perMinute: sessions / minutes });
    bench.row('soak: start (after warm-up)', { rssMb: start.rssMb, heapMb: start.heapMb, fds: start.fds });
    for (const [index, at] of quarters.entries()) bench.row(`soak: after ${(index + 1) * 25} %`, { rssMb: at.rssMb, heapMb: at.heapMb, fds: at.fds });
    bench.row('soak: end', { rssMb: end.rssMb, heapMb: end.heapMb, fds: end.fds });
    bench.target('RSS grows under 10 %', growth(start.rssMb, end.rssMb) < 0.1, `${start.rssMb.toFixed(1)} -> ${end.rssMb.toFixed(1)} MB (${(growth(start.rssMb, end.rssMb) * 100).toFixed(1)} %)`);
    bench.target('heap (after a full GC) grows under 10 %', growth(start.heapMb, end.heapMb) < 0.1, `${start.heapMb.toFixed(1)} -> ${end.heapMb.toFixed(1)} MB (${(growth(start.heapMb, end.heapMb) * 100).toFixed(1)} %)`);
    bench.target('no file descriptor leak', end.fds <= start.fds, `${start.fds} -> ${end.fds} open`);
  } finally {
    probe.close();
    await kiosk.stop();
  }
}

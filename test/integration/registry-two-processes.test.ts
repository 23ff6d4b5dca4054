import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KioskError } from '../../src/core/errors.ts';
import { DemoRegistry, demoStateFilePath } from '../../src/records/demo-registry.ts';
import { generateDemoData } from '../../src/records/demo/demo-data.ts';
import { ROOT, tempDir } from '../e2e/kiosk-process.ts';

/**
 * Issue 10: the demo registry's state is shared by every process on a data folder without
 * lost updates. Two real processes redeem and release different PINs 200 times each against
 * one data folder at the same time; afterwards every authorization either opened is found by
 * its request id, released, and every wrong-PIN count is exact.
 */
const ROUNDS = 200;
const PER_PROCESS = 8;

function hammer(dataDir: string, ids: readonly string[]): { ready: Promise<void>; go(): void; done: Promise<string[]> } {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test/integration/registry-hammer.ts'), dataDir, String(ROUNDS), ids.join(',')], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout.setEncoding('utf8').on('data', (text: string) => {
    out += text;
    if (out.startsWith('ready\n')) markReady();
  });
  child.stderr.setEncoding('utf8').on('data', (text: string) => (err += text));
  const done = new Promise<string[]>((resolve, reject) => {
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`hammer exited ${code}:\n${err}`));
      const last = out.trim().split('\n').at(-1) ?? '{}';
      resolve((JSON.parse(last) as { requests: string[] }).requests);
    });
  });
  return { ready, go: () => child.stdin.end('go\n'), done };
}

describe('demo registry state shared by two processes', () => {
  it('two processes redeeming different PINs 200 times each against one data folder lose nothing', async () => {
    const dataDir = tempDir('adm-registry-two-');
    const docs = generateDemoData().documents.slice(0, PER_PROCESS * 2).map((d) => d.document.id);
    const a = hammer(dataDir, docs.filter((_, i) => i % 2 === 0));
    const b = hammer(dataDir, docs.filter((_, i) => i % 2 === 1));
    await Promise.all([a.ready, b.ready]);
    a.go();
    b.go();
    const [fromA, fromB] = await Promise.all([a.done, b.done]);
    expect(fromA).toHaveLength(ROUNDS);
    expect(fromB).toHaveLength(ROUNDS);

    const registry = new DemoRegistry({ stateFile: demoStateFilePath(dataDir) });
    for (const requestId of [...fromA, ...fromB]) await expect(registry.findAuthorization(requestId)).resolves.toMatchObject({ state: 'released' });
    // One wrong PIN each, counted once and kept: the next one leaves a single attempt.
    for (const doc of generateDemoData().documents.slice(0, PER_PROCESS * 2)) {
      const error = await registry.redeemPin({ requestId: `check-${doc.document.id}`, nik: doc.holderNik, documentId: doc.document.id, pin: doc.pin === '000000' ? '111111' : '000000' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(KioskError);
      expect((error as KioskError).details).toEqual({ attemptsLeft: 1 });
    }
    expect(registry.demoCitizens().flatMap((c) => c.documents).filter((d) => docs.includes(d.id)).map((d) => d.status)).toEqual(docs.map(() => 'ready'));
    registry.close();
  }, 120_000);
});

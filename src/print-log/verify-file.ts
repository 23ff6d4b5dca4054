import { Worker } from 'node:worker_threads';
import { deriveChainKey } from './chain.ts';
import { combine, type ChainReport, type JobsResult, type LinksResult } from './chain-verify.ts';
import { logError } from './log-errors.ts';
import { PrintLog } from './print-log.ts';

/**
 * `adm-kiosk log verify`: the same check as `verifyChain`, its two passes (the chain; the job
 * rows) on two threads with their own read-only connections, so a large log is checked in
 * about half the time on a machine with two cores. When the kiosk wrote between the two
 * snapshots (their heads differ), the check runs again on one thread with one snapshot.
 */
export async function verifyChainFile(file: string, nikKey: Buffer): Promise<ChainReport> {
  const key = deriveChainKey(nikKey);
  let links: { head: number; result: LinksResult };
  let jobs: { head: number; result: JobsResult };
  try {
    [links, jobs] = await Promise.all([pass<LinksResult>('links', file, key), pass<JobsResult>('jobs', file, key)]);
  } catch (error) {
    throw logError(`The print log ${file} could not be checked.`, error, 'Check the path (--data-dir) and that the file is a print log.');
  }
  if (links.head === jobs.head) return combine(links.result, links.result.firstBad === undefined ? jobs.result : null);
  const log = PrintLog.openReadOnly(file, { nikKey });
  try {
    return log.verifyChain();
  } finally {
    log.close();
  }
}

function pass<T>(name: 'links' | 'jobs', file: string, key: Buffer): Promise<{ head: number; result: T }> {
  const worker = new Worker(new URL('./verify-worker.mjs', import.meta.url), { workerData: { pass: name, file, key: new Uint8Array(key) } });
  return new Promise((resolve, reject) => {
    worker.once('message', (message: { head: number; result: T }) => resolve(message));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the ${name} pass stopped with exit code ${code}`));
    });
  });
}

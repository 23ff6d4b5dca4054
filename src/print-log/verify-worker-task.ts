import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { headSeq, verifyJobs, verifyLinks } from './chain-verify.ts';

/** Runs one pass of the chain check in a read transaction of its own and posts `{ head, result }`. */
const { pass, file, key } = workerData as { pass: 'links' | 'jobs'; file: string; key: Uint8Array };
const db = new Database(file, { readonly: true, fileMustExist: true, timeout: 5000 });
try {
  const message = db.transaction(() => {
    const head = headSeq(db);
    return { head, result: pass === 'links' ? verifyLinks(db, Buffer.from(key)) : verifyJobs(db) };
  })();
  parentPort?.postMessage(message);
} finally {
  db.close();
}

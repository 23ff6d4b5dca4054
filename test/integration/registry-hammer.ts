import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { DemoRegistry, demoStateFilePath } from '../../src/records/demo-registry.ts';
import { generateDemoData } from '../../src/records/demo/demo-data.ts';

/**
 * One of the two processes of registry-two-processes.test.ts: redeems and releases the PINs of
 * its own documents `rounds` times against the data folder's demo registry state, then gives
 * each of them one wrong PIN. Prints `ready`, waits for `go` on stdin (so both run at once),
 * and ends with one JSON line: every request id it redeemed.
 *   node --import tsx registry-hammer.ts DATA_DIR ROUNDS DOC-0001,DOC-0002,...
 */
const [dataDir, roundsText, idsText] = process.argv.slice(2);
if (dataDir === undefined || roundsText === undefined || idsText === undefined) throw new Error('usage: registry-hammer.ts DATA_DIR ROUNDS IDS');
const rounds = Number(roundsText);
const wanted = new Set(idsText.split(','));
const documents = generateDemoData().documents.filter((d) => wanted.has(d.document.id));
const registry = new DemoRegistry({ stateFile: demoStateFilePath(dataDir) });

process.stdout.write('ready\n');
await new Promise<void>((resolve) => {
  const lines = createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    if (line === 'go') {
      lines.close();
      resolve();
    }
  });
});
const requests: string[] = [];
for (let i = 0; i < rounds; i += 1) {
  const doc = documents[i % documents.length];
  if (doc === undefined) throw new Error('no documents');
  const requestId = randomUUID();
  const auth = await registry.redeemPin({ requestId, nik: doc.holderNik, documentId: doc.document.id, pin: doc.pin });
  requests.push(requestId);
  await registry.releasePrint(auth.authorizationId, 'hammer');
}
for (const doc of documents) {
  await registry.redeemPin({ requestId: randomUUID(), nik: doc.holderNik, documentId: doc.document.id, pin: doc.pin === '000000' ? '111111' : '000000' }).catch((error: unknown) => {
    if ((error as { code?: string }).code !== 'PIN_INVALID') throw error;
  });
}
registry.close();
process.stdout.write(`${JSON.stringify({ requests })}\n`);

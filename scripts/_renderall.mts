import { generateDemoData } from '../src/records/demo/demo-data.ts';
import { templateInputOf } from '../src/records/demo/samples.ts';
import { renderDocument } from '../print-templates/index.ts';
import { createDemoSigner } from '../print-templates/signing.ts';
const d = generateDemoData(); const signer = createDemoSigner();
let fail = 0; const t0 = Date.now();
for (const doc of d.documents) {
  try { await renderDocument(templateInputOf(d, doc), { signer, createdAt: new Date('2026-10-31T02:00:00Z') }); }
  catch (e) { fail++; console.log(doc.document.id, doc.document.type, (e as Error).message, (e as Error).stack?.split("\n").slice(1,5).join(" | ")); }
}
console.log('docs', d.documents.length, 'failed', fail, 'ms', Date.now() - t0);

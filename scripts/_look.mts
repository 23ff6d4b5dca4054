import { writeFileSync } from 'node:fs';
import { generateDemoData } from '../src/records/demo/demo-data.ts';
import { largestKk, publicSample } from '../src/records/demo/samples.ts';
import { renderDocument } from '../print-templates/index.ts';
import { createDemoSigner } from '../print-templates/signing.ts';
const d = generateDemoData(); const signer = createDemoSigner();
const s = publicSample(d);
for (const [t, i] of [...Object.entries(s), ['kk12', largestKk(d)]] as const) writeFileSync(`/tmp/look-${t}.pdf`, await renderDocument(i, { signer, createdAt: new Date('2026-10-31T02:00:00Z') }));

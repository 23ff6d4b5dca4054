import { randomUUID } from 'node:crypto';
import { startRegistryProcess } from '../integration/registry-process.ts';
import { generateDemoData } from '../../src/records/demo/demo-data.ts';
import { HttpRegistry } from '../../src/records/http-registry.ts';
import { signRequest } from '../../src/records/request-signing.ts';
import type { Bench } from './harness.ts';

/**
 * Registry over loopback HTTP (issue 10): a resident's record fetch + a redeem (and the
 * release that gives the PIN back, so every round redeems the same way), against
 * `adm-kiosk registry serve` as a real process. p50/p99 of the kiosk's client (signing,
 * timeouts, breaker, schema validation, kiosk checks) against a bare `fetch` of the same
 * endpoints with the same signed requests and JSON parsing, in the same run: the difference is
 * the kiosk's overhead. Target: overhead under 5 ms at p50 (a resident waits on the registry,
 * not on the kiosk's checks).
 */
const ROUNDS = Number(process.env['ADM_KIOSK_REGISTRY_ROUNDS'] ?? 300);

function quantile(samples: number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

export default async function registryBench(bench: Bench): Promise<void> {
  const server = await startRegistryProcess({ kioskId: 'ADM-BENCH-01' });
  try {
    const data = generateDemoData();
    const doc = data.documents.find((d) => d.document.type === 'kk' && data.cards.some((c) => c.nik === d.holderNik));
    const card = data.cards.find((c) => c.nik === doc?.holderNik);
    if (doc === undefined || card === undefined) throw new Error('no KK holder');
    const client = new HttpRegistry({ url: server.url, kioskId: server.kioskId, privateKey: server.key });
    const base = new URL(server.url);

    const bare = async (method: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<unknown> => {
      const text = body === undefined ? '' : JSON.stringify(body);
      const signed = signRequest(server.key, server.kioskId, { method, pathWithQuery: `${base.pathname}${path}`, body: text }, Date.now());
      const response = await fetch(`${server.url}${path}`, { method, headers: { ...signed, ...headers, ...(text === '' ? {} : { 'content-type': 'application/json' }) }, ...(text === '' ? {} : { body: text }) });
      return response.json();
    };
    const kioskRound = async () => {
      await client.lookupResident(card.nik, card.uid);
      const auth = await client.redeemPin({ requestId: randomUUID(), nik: card.nik, documentId: doc.document.id, pin: doc.pin });
      await client.releasePrint(auth.authorizationId, 'bench');
    };
    const bareRound = async () => {
      await bare('GET', `/residents/${card.nik}`, undefined, { 'x-adm-card-uid': card.uid });
      const auth = (await bare('POST', `/print-authorizations/${doc.document.id}/redeem`, { requestId: randomUUID(), nik: card.nik, pin: doc.pin })) as { authorizationId: string };
      await bare('POST', `/print-authorizations/${auth.authorizationId}/release`, { reason: 'bench' });
    };
    const timeLookupRedeem = async (round: () => Promise<void>): Promise<number[]> => {
      const samples: number[] = [];
      for (let i = 0; i < 20; i += 1) await round();
      for (let i = 0; i < ROUNDS; i += 1) {
        const start = performance.now();
        await round();
        samples.push(performance.now() - start);
      }
      return samples;
    };
    // Interleaved halves, so a busy moment of the machine falls on both alike.
    const kiosk: number[] = [];
    const plain: number[] = [];
    for (let half = 0; half < 2; half += 1) {
      plain.push(...(await timeLookupRedeem(bareRound)));
      kiosk.push(...(await timeLookupRedeem(kioskRound)));
    }
    const row = (label: string, samples: number[]) => bench.row(label, { p50_ms: quantile(samples, 0.5), p99_ms: quantile(samples, 0.99), rounds: samples.length });
    row('bare fetch (lookup+redeem+release)', plain);
    row('kiosk client (same calls)', kiosk);
    const overhead50 = quantile(kiosk, 0.5) - quantile(plain, 0.5);
    const overhead99 = quantile(kiosk, 0.99) - quantile(plain, 0.99);
    bench.row('kiosk overhead', { p50_ms: overhead50, p99_ms: overhead99, ratio_p50: quantile(kiosk, 0.5) / quantile(plain, 0.5) });
    bench.target('registry client overhead under 5 ms at p50 (lookup + redeem + release)', overhead50 < 5, `${overhead50.toFixed(2)} ms`);
  } finally {
    await server.stop();
  }
}

import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../core/clock.ts';
import { DemoRegistry } from './demo-registry.ts';
import { generateDemoData } from './demo/demo-data.ts';
import { HttpRegistry } from './http-registry.ts';
import { startRegistryServer, type RegistryServer } from './registry-server.ts';
import { HEADERS, MAX_SKEW_MS, signRequest } from './request-signing.ts';

/**
 * The registry server's kiosk authentication (decision 1000): it refuses an unsigned request,
 * an unknown kiosk, a stale timestamp, a replayed nonce, a body that is not the one signed and
 * a bad signature (401 with the reason), and requests that do not match registry-api.yaml.
 */
const data = generateDemoData();
const card = data.cards[0];
if (card === undefined) throw new Error('no card');
const kiosk = generateKeyPairSync('ed25519');
const stranger = generateKeyPairSync('ed25519');
const KIOSK = 'ADM-AUTH-01';
const clock = new ManualClock(Date.parse('2026-11-20T03:00:00Z'));
let server: RegistryServer;
const lines: string[] = [];

beforeAll(async () => {
  server = await startRegistryServer({ registry: new DemoRegistry({ clock }), kiosks: new Map([[KIOSK, kiosk.publicKey]]), clock, log: (line) => lines.push(line) });
});
afterAll(() => server.close());

type Call = { method?: string; path: string; body?: string; headers?: Record<string, string> };

async function send(call: Call, signed: Record<string, string>): Promise<{ status: number; json: { error?: { code: string; reason?: string } } & Record<string, unknown> }> {
  const url = new URL(server.url);
  const response = await fetch(`${url.origin}${call.path}`, { method: call.method ?? 'GET', headers: { ...signed, ...call.headers, ...(call.body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(call.body === undefined ? {} : { body: call.body }) });
  return { status: response.status, json: (await response.json()) as { error?: { code: string; reason?: string } } };
}

const sign = (call: Call, options: { key?: typeof kiosk.privateKey; kioskId?: string; at?: number; nonce?: string; body?: string } = {}) =>
  signRequest(options.key ?? kiosk.privateKey, options.kioskId ?? KIOSK, { method: call.method ?? 'GET', pathWithQuery: call.path, body: options.body ?? call.body ?? '' }, options.at ?? clock.now(), options.nonce);

const lookup: Call = { path: `/v1/residents/${card.nik}`, headers: { 'x-adm-card-uid': card.uid } };

describe('registry server: kiosk authentication', () => {
  it('answers a signed request from an enrolled kiosk', async () => {
    const answer = await send(lookup, sign(lookup));
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ resident: { nik: card.nik } });
  });

  it('refuses an unsigned request, an unknown kiosk, and a known kiosk id signed with another key', async () => {
    expect(await send(lookup, {})).toMatchObject({ status: 401, json: { error: { code: 'REGISTRY_AUTH_FAILED', reason: 'unsigned' } } });
    expect(await send(lookup, sign(lookup, { kioskId: 'ADM-UNKNOWN', key: stranger.privateKey }))).toMatchObject({ status: 401, json: { error: { reason: 'unknown-kiosk' } } });
    expect(await send(lookup, sign(lookup, { key: stranger.privateKey }))).toMatchObject({ status: 401, json: { error: { reason: 'bad-signature' } } });
  });

  it('refuses a stale timestamp, ahead or behind by more than the window', async () => {
    expect(await send(lookup, sign(lookup, { at: clock.now() - MAX_SKEW_MS - 1 }))).toMatchObject({ status: 401, json: { error: { reason: 'stale-timestamp' } } });
    expect(await send(lookup, sign(lookup, { at: clock.now() + MAX_SKEW_MS + 1 }))).toMatchObject({ status: 401, json: { error: { reason: 'stale-timestamp' } } });
    expect((await send(lookup, sign(lookup, { at: clock.now() - MAX_SKEW_MS + 1000 }))).status).toBe(200);
  });

  it('refuses a replayed request (its nonce was seen), and a signed request sent to another path', async () => {
    const headers = sign(lookup);
    expect((await send(lookup, headers)).status).toBe(200);
    expect(await send(lookup, headers)).toMatchObject({ status: 401, json: { error: { reason: 'replayed-nonce' } } });
    const other = data.cards[1];
    const elsewhere: Call = { path: `/v1/residents/${other?.nik ?? ''}`, headers: { 'x-adm-card-uid': other?.uid ?? '' } };
    expect(await send(elsewhere, sign(lookup))).toMatchObject({ status: 401, json: { error: { reason: 'bad-signature' } } });
  });

  it('refuses a body that is not the one signed (a PIN swapped in transit)', async () => {
    const doc = data.documents.find((d) => d.holderNik === card.nik);
    const redeem: Call = { method: 'POST', path: `/v1/print-authorizations/${doc?.document.id ?? ''}/redeem`, body: JSON.stringify({ requestId: 'req-00000001', nik: card.nik, pin: '000000' }) };
    const headers = sign(redeem);
    expect(await send({ ...redeem, body: JSON.stringify({ requestId: 'req-00000001', nik: card.nik, pin: '111111' }) }, headers)).toMatchObject({ status: 401, json: { error: { reason: 'body-hash' } } });
    headers[HEADERS.contentSha256] = 'x'.repeat(64);
    expect(await send(redeem, headers)).toMatchObject({ status: 401 });
  });

  it('refuses requests that do not match registry-api.yaml: a bad NIK, a missing card UID, an unknown field, an unknown path', async () => {
    const badNik: Call = { path: '/v1/residents/12345', headers: { 'x-adm-card-uid': card.uid } };
    expect(await send(badNik, sign(badNik))).toMatchObject({ status: 400, json: { error: { code: 'API_INPUT_INVALID' } } });
    const noUid: Call = { path: `/v1/residents/${card.nik}` };
    expect(await send(noUid, sign(noUid))).toMatchObject({ status: 400, json: { error: { code: 'API_INPUT_INVALID' } } });
    const extra: Call = { method: 'POST', path: '/v1/print-authorizations/DOC-0001/redeem', body: JSON.stringify({ requestId: 'req-00000002', nik: card.nik, pin: '123456', documentId: 'DOC-0002' }) };
    expect(await send(extra, sign(extra))).toMatchObject({ status: 400, json: { error: { code: 'API_INPUT_INVALID' } } });
    const unknown: Call = { path: '/v1/residents' };
    expect(await send(unknown, sign(unknown))).toMatchObject({ status: 404, json: { error: { code: 'API_METHOD_UNKNOWN' } } });
  });

  it('its access log names operations and statuses, never a NIK or a path', () => {
    expect(lines.some((l) => /getResident 200/.test(l))).toBe(true);
    expect(lines.join('\n')).not.toMatch(/\d{16}/);
  });

  it('the HTTP client of a kiosk the registry does not know: REGISTRY_AUTH_FAILED, and the health monitor is told at once', async () => {
    const unenrolled = new HttpRegistry({ url: server.url, kioskId: 'ADM-NEW-99', privateKey: stranger.privateKey, clock });
    const problems: unknown[] = [];
    unenrolled.onReachability((p) => problems.push(p));
    await expect(unenrolled.lookupResident(card.nik, card.uid)).rejects.toMatchObject({ code: 'REGISTRY_AUTH_FAILED' });
    expect(problems).toEqual([expect.objectContaining({ code: 'REGISTRY_AUTH_FAILED' })]);
    await expect(unenrolled.lookupResident(card.nik, card.uid)).rejects.toMatchObject({ code: 'REGISTRY_AUTH_FAILED' });
  });
});

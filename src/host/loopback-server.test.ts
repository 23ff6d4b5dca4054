import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { z } from 'zod';
import { defineContract, type EventMessage, type HandlersOf } from '../api/contract-kit.ts';
import { kioskApiContract, type KioskApiHandlers, type SessionView } from '../api/contract.ts';
import { createHttpClient } from '../api/http-client.ts';
import { KioskError } from '../core/errors.ts';
import { mountApi, startLoopbackServer, type LoopbackServer } from './loopback-server.ts';

/** The loopback server refuses what does not come from the kiosk's own page, for every contract it mounts. */
const view: SessionView = { state: { step: 'attract' }, timeLeftMs: null, availability: { inService: true, problems: [] } };
const listeners = new Set<(m: EventMessage) => void>();
const calls: string[] = [];
const handlers = new Proxy({} as KioskApiHandlers, {
  get: (_target, method: string) => (input: unknown) => {
    calls.push(`${method} ${JSON.stringify(input)}`);
    if (method === 'touch') return Promise.reject(new TypeError("Cannot read properties of undefined (reading 'x')"));
    return Promise.resolve(method === 'getSession' ? view : { ok: true });
  },
});

/** A second, small contract (as the technician and ops APIs will be), with its own token and events. */
const opsContract = defineContract({
  name: 'adm-ops-test',
  methods: {
    countJobs: { input: z.object({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }).strict(), output: z.object({ jobs: z.number().int() }) },
  },
  events: {
    paper: z.object({ sheetsLeft: z.number().int() }),
  },
});
const opsListeners = new Set<(m: EventMessage) => void>();
const opsHandlers: HandlersOf<typeof opsContract> = { countJobs: (input) => Promise.resolve({ jobs: input.day === '2026-11-20' ? 7 : 0 }) };

let server: LoopbackServer;
const unexpected: { context: string; error: unknown }[] = [];
const uiDir = mkdtempSync(join(tmpdir(), 'adm-ui-'));

function raw(path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

function tryOpen(url: string, protocols: string[], origin?: string): Promise<'opened' | 'refused'> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, protocols, origin === undefined ? {} : { origin });
    ws.on('error', () => resolve('refused'));
    ws.on('open', () => {
      ws.close();
      resolve('opened');
    });
  });
}

beforeAll(async () => {
  writeFileSync(join(uiDir, 'index.html'), '<!doctype html><title>kiosk</title>');
  const onUnexpected = (context: string, error: unknown) => unexpected.push({ context, error });
  server = await startLoopbackServer({
    uiDir,
    onUnexpected,
    mounts: [
      mountApi({ contract: kioskApiContract, handlers, prefix: '/api', token: 'test-token-123', events: (l) => (listeners.add(l), () => listeners.delete(l)), onUnexpected }),
      mountApi({ contract: opsContract, handlers: opsHandlers, prefix: '/ops-api', token: 'ops-token-456', events: (l) => (opsListeners.add(l), () => opsListeners.delete(l)) }),
    ],
  });
});

afterAll(() => server.close());

describe('loopback server', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('serves the UI with a strict content security policy', async () => {
    const res = await raw('/');
    expect(res.status).toBe(200);
    expect(res.body).toContain('<title>kiosk</title>');
    expect(String(res.headers['content-security-policy'])).toContain("default-src 'self'");
  });

  it('does not serve files outside the UI folder', async () => {
    expect((await raw('/..%2f..%2fetc/passwd')).status).toBe(404);
  });

  it('answers API calls that carry the token', async () => {
    const res = await raw('/api/getSession', { method: 'POST', headers: { 'x-kiosk-token': 'test-token-123', 'content-type': 'application/json' }, body: '{}' });
    expect(JSON.parse(res.body)).toEqual({ ok: true, value: view });
  });

  it('refuses API calls without the token, or with a wrong one, before any handler runs', async () => {
    calls.length = 0;
    const attempts: Record<string, string>[] = [{}, { 'x-kiosk-token': 'wrong' }, { 'x-kiosk-token': 'ops-token-456' }];
    for (const headers of attempts) {
      const res = await raw('/api/endSession', { method: 'POST', headers, body: '{}' });
      expect(res.status).toBe(401);
      expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'API_UNAUTHORIZED' } });
    }
    expect(calls).toEqual([]);
  });

  it('refuses a request whose Host is not the kiosk (DNS rebinding)', async () => {
    const res = await raw('/api/getSession', { method: 'POST', headers: { host: 'evil.example:80', 'x-kiosk-token': 'test-token-123' }, body: '{}' });
    expect(res.status).toBe(421);
  });

  it('validates input against the contract: a malformed PIN never reaches the service', async () => {
    calls.length = 0;
    const res = await raw('/api/submitPin', { method: 'POST', headers: { 'x-kiosk-token': 'test-token-123' }, body: JSON.stringify({ pin: '12ab' }) });
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'API_INPUT_INVALID' } });
    const unknown = await raw('/api/formatDisk', { method: 'POST', headers: { 'x-kiosk-token': 'test-token-123' }, body: '{}' });
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'API_METHOD_UNKNOWN' } });
    expect(calls).toEqual([]);
  });

  it('an unexpected error in a handler is reported with its class and stack, crosses only as INTERNAL, and the server keeps serving', async () => {
    const res = await raw('/api/touch', { method: 'POST', headers: { 'x-kiosk-token': 'test-token-123' }, body: '{}' });
    expect(JSON.parse(res.body)).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'An unexpected internal error', hint: expect.any(String) as unknown } });
    expect(res.body).not.toContain('Cannot read properties');
    expect(unexpected.at(-1)).toMatchObject({ context: 'adm-kiosk API touch' });
    expect(unexpected.at(-1)?.error).toBeInstanceOf(TypeError);
    const after = await raw('/api/getSession', { method: 'POST', headers: { 'x-kiosk-token': 'test-token-123' }, body: '{}' });
    expect(JSON.parse(after.body)).toMatchObject({ ok: true });
  });

  it('pushes session events over the socket only with the token and the kiosk origin', async () => {
    const base = server.url.replace('http', 'ws');
    expect(await tryOpen(`${base}/api/events`, ['adm-kiosk', 'adm-kiosk-token.wrong-token'])).toBe('refused');
    expect(await tryOpen(`${base}/api/events`, ['adm-kiosk', 'adm-kiosk-token.test-token-123'], 'http://evil.example')).toBe('refused');
    // The token never rides in the URL: the query form of earlier versions is refused.
    expect(await tryOpen(`${base}/api/events?token=test-token-123`, ['adm-kiosk'], server.url)).toBe('refused');
    const ws = new WebSocket(`${base}/api/events`, ['adm-kiosk', 'adm-kiosk-token.test-token-123'], { origin: server.url });
    await new Promise((resolve) => ws.on('open', resolve));
    const received = new Promise<unknown>((resolve) => ws.on('message', (data: Buffer) => resolve(JSON.parse(data.toString()))));
    for (const listener of listeners) listener({ event: 'session', payload: view });
    expect(await received).toEqual({ event: 'session', payload: view });
    ws.close();
  });
});

describe('a second contract on the same server, with its own token', () => {
  it('answers its own methods through a client generated from its contract, with its own token only', async () => {
    const ops = createHttpClient(opsContract, { baseUrl: server.url, token: 'ops-token-456', prefix: '/ops-api' });
    await expect(ops.countJobs({ day: '2026-11-20' })).resolves.toEqual({ jobs: 7 });
    await expect(ops.countJobs({ day: 'yesterday' })).rejects.toMatchObject({ code: 'API_INPUT_INVALID' });
    const withKioskToken = createHttpClient(opsContract, { baseUrl: server.url, token: 'test-token-123', prefix: '/ops-api' });
    await expect(withKioskToken.countJobs({ day: '2026-11-20' })).rejects.toBeInstanceOf(KioskError);
    const res = await raw('/ops-api/countJobs', { method: 'POST', headers: { 'x-kiosk-token': 'test-token-123' }, body: JSON.stringify({ day: '2026-11-20' }) });
    expect(res.status).toBe(401);
    // The kiosk's methods are not reachable under the ops prefix, nor the ops methods under /api.
    const crossed = await raw('/ops-api/getSession', { method: 'POST', headers: { 'x-kiosk-token': 'ops-token-456' }, body: '{}' });
    expect(JSON.parse(crossed.body)).toMatchObject({ ok: false, error: { code: 'API_METHOD_UNKNOWN' } });
    const crossedBack = await raw('/api/countJobs', { method: 'POST', headers: { 'x-kiosk-token': 'test-token-123' }, body: '{}' });
    expect(JSON.parse(crossedBack.body)).toMatchObject({ ok: false, error: { code: 'API_METHOD_UNKNOWN' } });
  });

  it('pushes its own events (not "session") on its own socket, to its token only', async () => {
    const base = server.url.replace('http', 'ws');
    expect(await tryOpen(`${base}/ops-api/events`, ['adm-kiosk', 'adm-kiosk-token.test-token-123'])).toBe('refused');
    const ws = new WebSocket(`${base}/ops-api/events`, ['adm-kiosk', 'adm-kiosk-token.ops-token-456'], { origin: server.url });
    await new Promise((resolve) => ws.on('open', resolve));
    const received = new Promise<unknown>((resolve) => ws.on('message', (data: Buffer) => resolve(JSON.parse(data.toString()))));
    for (const listener of opsListeners) listener({ event: 'paper', payload: { sheetsLeft: 120 } });
    expect(await received).toEqual({ event: 'paper', payload: { sheetsLeft: 120 } });
    ws.close();
  });
});

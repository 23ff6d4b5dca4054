import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { KioskApiHandlers, SessionView } from '../../src/api/contract.ts';
import { startBrowserShell, type BrowserShell } from './server.ts';

/** The browser shell's server refuses what does not come from the kiosk's own page. */
const view: SessionView = { state: { step: 'attract' }, timeLeftMs: null };
const listeners = new Set<(v: SessionView) => void>();
const calls: string[] = [];
const handlers = new Proxy({} as KioskApiHandlers, {
  get: (_target, method: string) => (input: unknown) => {
    calls.push(`${method} ${JSON.stringify(input)}`);
    return Promise.resolve(method === 'getSession' ? view : { ok: true });
  },
});

let shell: BrowserShell;
const uiDir = mkdtempSync(join(tmpdir(), 'adm-ui-'));

function raw(path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  const url = new URL(shell.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: url.port, path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

beforeAll(async () => {
  writeFileSync(join(uiDir, 'index.html'), '<!doctype html><title>kiosk</title>');
  shell = await startBrowserShell({ handlers, subscribe: (l) => (listeners.add(l), () => listeners.delete(l)), uiDir, token: 'test-token-123' });
});

afterAll(() => shell.close());

describe('browser shell server', () => {
  it('listens on 127.0.0.1 and puts the token only in the URL fragment', () => {
    expect(shell.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(shell.launchUrl).toBe(`${shell.url}/#token=test-token-123`);
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
    const attempts: Record<string, string>[] = [{}, { 'x-kiosk-token': 'wrong' }];
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

  it('pushes session events over the socket only with the token and the kiosk origin', async () => {
    const base = shell.url.replace('http', 'ws');
    const refused = await new Promise<string>((resolve) => {
      const ws = new WebSocket(`${base}/api/events?token=wrong`);
      ws.on('error', () => resolve('refused'));
      ws.on('open', () => resolve('opened'));
    });
    expect(refused).toBe('refused');
    const foreign = await new Promise<string>((resolve) => {
      const ws = new WebSocket(`${base}/api/events?token=test-token-123`, { origin: 'http://evil.example' });
      ws.on('error', () => resolve('refused'));
      ws.on('open', () => resolve('opened'));
    });
    expect(foreign).toBe('refused');
    const ws = new WebSocket(`${base}/api/events?token=test-token-123`, { origin: shell.url });
    await new Promise((resolve) => ws.on('open', resolve));
    const received = new Promise<unknown>((resolve) => ws.on('message', (data: Buffer) => resolve(JSON.parse(data.toString()))));
    for (const listener of listeners) listener(view);
    expect(await received).toEqual({ event: 'session', payload: view });
    ws.close();
  });
});

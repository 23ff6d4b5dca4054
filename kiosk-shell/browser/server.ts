import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { dispatch } from '../../src/api/dispatch.ts';
import type { KioskApiHandlers, SessionView } from '../../src/api/contract.ts';

/**
 * The browser shell's server: the built UI and the KioskApi over loopback.
 * - bound to 127.0.0.1 only;
 * - every API call and the event socket must carry the per-launch token (the URL fragment
 *   the shell opens the browser with; static files need none, and hold no data);
 * - the Host header must name this server (no DNS rebinding), and the socket's Origin too;
 * - request bodies are capped; responses carry a strict Content-Security-Policy.
 */
export interface BrowserShellOptions {
  readonly handlers: KioskApiHandlers;
  readonly subscribe: (listener: (view: SessionView) => void) => () => void;
  readonly uiDir: string;
  readonly port?: number;
  /** Fixed token for tests; a random one per launch otherwise. */
  readonly token?: string;
}

export interface BrowserShell {
  readonly url: string;
  /** The URL to open: carries the token in the fragment, which browsers never send to servers. */
  readonly launchUrl: string;
  readonly token: string;
  close(): Promise<void>;
}

const MAX_BODY = 64 * 1024;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};
const CSP = "default-src 'self'; img-src 'self' data:; connect-src 'self' ws://127.0.0.1:*; style-src 'self' 'unsafe-inline'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'";

function sameToken(given: string | null | undefined, expected: Buffer): boolean {
  if (typeof given !== 'string') return false;
  const buffer = Buffer.from(given);
  return buffer.length === expected.length && timingSafeEqual(buffer, expected);
}

function send(res: ServerResponse, status: number, body: string | Buffer, type: string): void {
  res.writeHead(status, {
    'content-type': type,
    'content-security-policy': CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, JSON.stringify(value), 'application/json; charset=utf-8');
}

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startBrowserShell(options: BrowserShellOptions): Promise<BrowserShell> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const expected = Buffer.from(token);
  let origin = '';
  const hostAllowed = (host: string | undefined) => host !== undefined && (origin === `http://${host}` || origin.replace('127.0.0.1', 'localhost') === `http://${host}`);

  const server = createServer((req, res) => {
    void (async () => {
      if (!hostAllowed(req.headers.host)) return send(res, 421, 'Misdirected request', 'text/plain');
      const url = new URL(req.url ?? '/', origin);
      if (url.pathname.startsWith('/api/')) {
        if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: { code: 'API_METHOD_UNKNOWN', message: 'Use POST.' } });
        if (!sameToken(req.headers['x-kiosk-token'] as string | undefined, expected)) {
          return sendJson(res, 401, { ok: false, error: { code: 'API_UNAUTHORIZED', message: 'The request did not carry the kiosk token.', hint: 'Restart the kiosk shell.' } });
        }
        const body = await readBody(req);
        if (body === null) return sendJson(res, 413, { ok: false, error: { code: 'API_INPUT_INVALID', message: 'Request body too large.' } });
        let input: unknown;
        try {
          input = body === '' ? {} : JSON.parse(body);
        } catch {
          return sendJson(res, 400, { ok: false, error: { code: 'API_INPUT_INVALID', message: 'Request body is not JSON.' } });
        }
        const envelope = await dispatch(options.handlers, url.pathname.slice('/api/'.length), input);
        return sendJson(res, 200, envelope);
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed', 'text/plain');
      const relative = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname).replace(/^\/+/, '');
      const file = normalize(join(options.uiDir, relative));
      if (!file.startsWith(options.uiDir + sep)) return send(res, 404, 'Not found', 'text/plain');
      try {
        const content = await readFile(file);
        return send(res, 200, content, TYPES[extname(file)] ?? 'application/octet-stream');
      } catch {
        return send(res, 404, 'Not found', 'text/plain');
      }
    })().catch(() => send(res, 500, 'Internal error', 'text/plain'));
  });

  const sockets = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', origin);
    const originOk = req.headers.origin === undefined || req.headers.origin === origin || req.headers.origin === origin.replace('127.0.0.1', 'localhost');
    if (url.pathname !== '/api/events' || !hostAllowed(req.headers.host) || !originOk || !sameToken(url.searchParams.get('token'), expected)) {
      socket.write('HTTP/1.1 401 Unauthorized\r\n\r\n');
      socket.destroy();
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      const unsubscribe = options.subscribe((view) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ event: 'session', payload: view }));
      });
      ws.on('close', unsubscribe);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: origin,
    launchUrl: `${origin}/#token=${token}`,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

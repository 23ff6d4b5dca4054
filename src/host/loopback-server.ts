import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AnyContract, Envelope, EventSource, HandlersOf } from '../api/contract-kit.ts';
import { dispatch } from '../api/dispatch.ts';

/**
 * The loopback server: the built UI and any number of API contracts, each mounted at its own
 * prefix with its own token (the KioskApi at `/api`; the technician and ops APIs beside it).
 * - bound to 127.0.0.1 only;
 * - every API call and event socket must carry its mount's token (the KioskApi's reaches the
 *   page in the URL fragment; static files need none, and hold no data);
 * - the Host header must name this server (no DNS rebinding), and the socket's Origin too;
 * - request bodies are capped; responses carry a strict Content-Security-Policy.
 * Moved here from the browser shell (kiosk-shell/browser) and made generic over contracts;
 * the hardening of issue 8 lands here.
 */
export interface ApiMount {
  /** URL prefix without a trailing slash, e.g. `/api`. */
  readonly prefix: string;
  /** The mount's fixed token; null when an `authorize` function decides (staff tokens). */
  readonly token: string | null;
  /** Whether a request carrying `given` may call this mount (constant time for a fixed token). */
  accepts(given: string | null | undefined): boolean;
  readonly contractName: string;
  /** `onUnexpected`: the server's reporter, used when the mount has none of its own. */
  call(method: string, input: unknown, onUnexpected?: (context: string, error: unknown) => void): Promise<Envelope<unknown>>;
  readonly events?: EventSource;
}

/** Mounts a contract: its handlers behind `dispatch` (validation, envelopes), its events as a source. */
export function mountApi<C extends AnyContract>(options: {
  readonly contract: C;
  readonly handlers: HandlersOf<C>;
  readonly prefix: string;
  /** Default: a random per-launch token. */
  readonly token?: string;
  /** Instead of a fixed token: decides per request (e.g. a live staff token of one role). */
  readonly authorize?: (given: string) => boolean;
  readonly events?: EventSource;
  readonly onUnexpected?: (context: string, error: unknown) => void;
}): ApiMount {
  if (!/^\/[a-z][a-z0-9-]*$/.test(options.prefix)) throw new Error(`mount prefix "${options.prefix}" must look like /api`);
  const authorize = options.authorize;
  const token = authorize === undefined ? (options.token ?? randomBytes(24).toString('base64url')) : null;
  const expected = Buffer.from(token ?? '');
  return {
    prefix: options.prefix,
    token,
    accepts: (given) => (authorize === undefined ? sameToken(given, expected) : typeof given === 'string' && authorize(given)),
    contractName: options.contract.name,
    call: (method, input, fallback) => {
      const onUnexpected = options.onUnexpected ?? fallback;
      return dispatch(options.contract, options.handlers, method, input, onUnexpected === undefined ? {} : { onUnexpected });
    },
    ...(options.events === undefined ? {} : { events: options.events }),
  };
}

export interface LoopbackServerOptions {
  readonly uiDir: string;
  readonly mounts: readonly ApiMount[];
  readonly port?: number;
  /** Told about a request that failed in an unexpected way (class and stack go to the application log). */
  readonly onUnexpected?: (context: string, error: unknown) => void;
}

export interface LoopbackServer {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  readonly port: number;
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

/** The mount a path belongs to, and the rest of the path after its prefix. */
function route(mounts: readonly ApiMount[], pathname: string): { mount: ApiMount; rest: string } | null {
  for (const mount of mounts) {
    if (pathname.startsWith(`${mount.prefix}/`)) return { mount, rest: pathname.slice(mount.prefix.length + 1) };
  }
  return null;
}

export async function startLoopbackServer(options: LoopbackServerOptions): Promise<LoopbackServer> {
  const prefixes = new Set(options.mounts.map((m) => m.prefix));
  if (prefixes.size !== options.mounts.length) throw new Error('two API mounts share a prefix');
  let origin = '';
  const hostAllowed = (host: string | undefined) => host !== undefined && (origin === `http://${host}` || origin.replace('127.0.0.1', 'localhost') === `http://${host}`);

  const server = createServer((req, res) => {
    (async () => {
      if (!hostAllowed(req.headers.host)) return send(res, 421, 'Misdirected request', 'text/plain');
      const url = new URL(req.url ?? '/', origin);
      const api = route(options.mounts, url.pathname);
      if (api !== null) {
        if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: { code: 'API_METHOD_UNKNOWN', message: 'Use POST.' } });
        if (!api.mount.accepts(req.headers['x-kiosk-token'] as string | undefined)) {
          return sendJson(res, 401, { ok: false, error: { code: 'API_UNAUTHORIZED', message: 'The request did not carry the token of this API.', hint: 'Restart the kiosk shell.' } });
        }
        const body = await readBody(req);
        if (body === null) return sendJson(res, 413, { ok: false, error: { code: 'API_INPUT_INVALID', message: 'Request body too large.' } });
        let input: unknown;
        try {
          input = body === '' ? {} : JSON.parse(body);
        } catch {
          return sendJson(res, 400, { ok: false, error: { code: 'API_INPUT_INVALID', message: 'Request body is not JSON.' } });
        }
        return sendJson(res, 200, await api.mount.call(api.rest, input, options.onUnexpected));
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
    })().catch((error: unknown) => {
      options.onUnexpected?.('loopback server', error);
      if (!res.headersSent) send(res, 500, 'Internal error', 'text/plain');
    });
  });

  const sockets = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', origin);
    const api = route(options.mounts, url.pathname);
    const originOk = req.headers.origin === undefined || req.headers.origin === origin || req.headers.origin === origin.replace('127.0.0.1', 'localhost');
    const events = api?.mount.events;
    if (api === null || api.rest !== 'events' || events === undefined || !hostAllowed(req.headers.host) || !originOk || !api.mount.accepts(url.searchParams.get('token'))) {
      socket.write('HTTP/1.1 401 Unauthorized\r\n\r\n');
      socket.destroy();
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      const unsubscribe = events((message) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
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
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

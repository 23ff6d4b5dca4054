import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { extname, join, normalize, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AnyContract, Envelope, EventSource, HandlersOf } from '../api/contract-kit.ts';
import { dispatch } from '../api/dispatch.ts';
import { KioskError } from '../core/errors.ts';
import { ConnectionGuard, DEFAULT_CONNECTION_LIMITS, type ConnectionLimits } from './connection-guard.ts';
import type { LaunchBootstrap } from './launch-bootstrap.ts';
import { contentSecurityPolicy, decodePath, readBody, requestPath, sameToken, send } from './loopback-http.ts';

/**
 * The loopback server: the built UI and any number of API contracts, each mounted at its own
 * prefix with its own token (the KioskApi at `/api`; the technician and ops APIs beside it).
 * - bound to 127.0.0.1 only;
 * - every API call carries its mount's token in `x-kiosk-token`, the event socket in its
 *   subprotocol list (`adm-kiosk`, `adm-kiosk-token.<token>`): never in a URL. The page gets
 *   the tokens once, by the launch bootstrap (`POST /bootstrap`, launch-bootstrap.ts);
 *   static files need none, and hold no data;
 * - the Host header must name this server (DNS rebinding), and a request's Origin, when it
 *   has one, must be this server (the bootstrap and the event socket: must have one);
 * - whatever does not parse (request target, `%` escapes, JSON, upgrade) answers 400 and
 *   nothing a client sends can throw out of a handler;
 * - connections are capped in total and per client, idle ones time out (connection-guard.ts);
 * - request bodies are capped; responses carry a strict Content-Security-Policy.
 */
export interface ApiMount {
  /** URL prefix without a trailing slash, e.g. `/api`. */
  readonly prefix: string;
  /** The mount's fixed token; null when an `authorize` function decides (staff tokens, given at sign-in). */
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
  if (!/^\/[a-z][a-z0-9-]*$/.test(options.prefix) || options.prefix === '/bootstrap') throw new Error(`mount prefix "${options.prefix}" must look like /api`);
  const authorize = options.authorize;
  const token = authorize === undefined ? (options.token ?? randomBytes(24).toString('base64url')) : null;
  // The token rides in a WebSocket subprotocol: only RFC 7230 token characters.
  if (token !== null && !/^[A-Za-z0-9_-]{8,128}$/.test(token)) throw new Error('a mount token is 8 to 128 characters of A-Z a-z 0-9 _ -');
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
  /** The page's one-time way to its tokens (`POST /bootstrap`); without it the route is 404. */
  readonly bootstrap?: LaunchBootstrap;
  /** Connection caps and timeouts (default DEFAULT_CONNECTION_LIMITS). */
  readonly limits?: Partial<ConnectionLimits>;
  /** Told about a request that failed in an unexpected way (class and stack go to the application log). */
  readonly onUnexpected?: (context: string, error: unknown) => void;
}

export interface LoopbackServer {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  readonly port: number;
  /** Sockets open now, and closed to make room so far (connection-guard.ts). */
  connections(): { open: number; evicted: number };
  close(): Promise<void>;
}

/** The subprotocol the event socket speaks; the token travels as `adm-kiosk-token.<token>` beside it. */
export const EVENTS_PROTOCOL = 'adm-kiosk';
export const TOKEN_PROTOCOL_PREFIX = 'adm-kiosk-token.';

const MAX_BODY = 64 * 1024;
const MAX_HEADER_BYTES = 16 * 1024;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

function apiError(code: 'API_UNAUTHORIZED' | 'API_INPUT_INVALID' | 'API_METHOD_UNKNOWN', message: string, hint?: string): unknown {
  return { ok: false, error: hint === undefined ? { code, message } : { code, message, hint } };
}

/** The mount a path belongs to, and the rest of the path after its prefix. */
function route(mounts: readonly ApiMount[], pathname: string): { mount: ApiMount; rest: string } | null {
  for (const mount of mounts) {
    if (pathname.startsWith(`${mount.prefix}/`)) return { mount, rest: pathname.slice(mount.prefix.length + 1) };
  }
  return null;
}

function offeredProtocols(req: IncomingMessage): string[] {
  const header = req.headers['sec-websocket-protocol'];
  return typeof header === 'string' ? header.split(',').map((p) => p.trim()) : [];
}

/** Answers a refused upgrade and closes the socket (never throws: the socket may be gone). */
function refuseUpgrade(socket: Duplex, status: 400 | 401 | 403 | 404 | 421, reason: string): void {
  try {
    if (socket.writable) socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  } catch {
    // the client went away
  }
  socket.destroy();
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE' || error.code === 'EACCES') {
        reject(
          new KioskError('ARGUMENT_INVALID', `--port ${port}: the port on 127.0.0.1 cannot be used: ${error.code === 'EADDRINUSE' ? 'another program listens on it' : 'not allowed for this user'}.`, {
            hint: 'Choose another --port, or leave --port out to let the system pick a free one.',
            cause: error,
          }),
        );
      } else reject(error);
    });
    server.listen(port, '127.0.0.1', () => resolve());
  });
}

/** Refuses (ARGUMENT_INVALID) a port another program holds, before the kiosk opens its devices for nothing. */
export async function checkPortFree(port: number): Promise<void> {
  if (port === 0) return;
  const probe = createServer();
  await listen(probe, port);
  await new Promise<void>((resolve) => probe.close(() => resolve()));
}

export async function startLoopbackServer(options: LoopbackServerOptions): Promise<LoopbackServer> {
  const prefixes = new Set(options.mounts.map((m) => m.prefix));
  if (prefixes.size !== options.mounts.length) throw new Error('two API mounts share a prefix');
  const limits: ConnectionLimits = { ...DEFAULT_CONNECTION_LIMITS, ...options.limits };
  const guard = new ConnectionGuard(limits);
  let origin = '';
  let csp = '';
  const origins = () => [origin, origin.replace('127.0.0.1', 'localhost')];
  const hostAllowed = (host: string | undefined) => host !== undefined && origins().includes(`http://${host}`);
  /** Browsers send Origin on every cross-origin request: one that is not ours is refused. */
  const originAllowed = (value: string | undefined, required: boolean) => (value === undefined ? !required : origins().includes(value));

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!hostAllowed(req.headers.host)) return send(res, csp, 421, 'Misdirected request', 'text/plain');
    const target = requestPath(req.url);
    if (target === null) return send(res, csp, 400, 'Bad request target', 'text/plain', { connection: 'close' });
    if (target.pathname === '/bootstrap' && options.bootstrap !== undefined) return bootstrap(req, res, options.bootstrap);
    const api = route(options.mounts, target.pathname);
    if (api !== null) return callApi(req, res, api);
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, csp, 405, 'Method not allowed', 'text/plain', { allow: 'GET, HEAD' });
    const decoded = decodePath(target.pathname);
    if (decoded === null) return send(res, csp, 400, 'Bad escape in path', 'text/plain');
    const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
    const file = normalize(join(options.uiDir, relative));
    if (!file.startsWith(options.uiDir + sep)) return send(res, csp, 404, 'Not found', 'text/plain');
    let content: Buffer;
    try {
      content = await readFile(file);
    } catch {
      return send(res, csp, 404, 'Not found', 'text/plain');
    }
    return send(res, csp, 200, content, TYPES[extname(file)] ?? 'application/octet-stream');
  };

  const bodyJson = async (req: IncomingMessage, res: ServerResponse): Promise<{ ok: true; value: unknown } | { ok: false }> => {
    // `Expect: 100-continue`: the client waits for this before sending the body; only asked once the request is allowed.
    if (/100-continue/i.test(req.headers.expect ?? '')) res.writeContinue();
    const body = await readBody(req, MAX_BODY);
    if (body.kind === 'aborted') return { ok: false };
    if (body.kind === 'too-large') {
      send(res, csp, 413, JSON.stringify(apiError('API_INPUT_INVALID', 'Request body too large.')), 'application/json; charset=utf-8', { connection: 'close' });
      return { ok: false };
    }
    try {
      return { ok: true, value: body.text === '' ? {} : (JSON.parse(body.text) as unknown) };
    } catch {
      send(res, csp, 400, JSON.stringify(apiError('API_INPUT_INVALID', 'Request body is not JSON.')), 'application/json; charset=utf-8');
      return { ok: false };
    }
  };

  const sendJson = (res: ServerResponse, status: number, value: unknown) => send(res, csp, status, JSON.stringify(value), 'application/json; charset=utf-8');

  const callApi = async (req: IncomingMessage, res: ServerResponse, api: { mount: ApiMount; rest: string }): Promise<void> => {
    if (req.method !== 'POST') return sendJson(res, 405, apiError('API_METHOD_UNKNOWN', 'Use POST.'));
    if (!originAllowed(req.headers.origin, false)) return sendJson(res, 403, apiError('API_UNAUTHORIZED', 'The request comes from another web page.'));
    const given = req.headers['x-kiosk-token'];
    if (!api.mount.accepts(typeof given === 'string' ? given : undefined)) {
      return sendJson(res, 401, apiError('API_UNAUTHORIZED', 'The request did not carry the token of this API.', 'Restart the kiosk shell.'));
    }
    guard.trust(req.socket);
    const input = await bodyJson(req, res);
    if (!input.ok) return;
    return sendJson(res, 200, await api.mount.call(api.rest, input.value, options.onUnexpected));
  };

  const bootstrap = async (req: IncomingMessage, res: ServerResponse, launch: LaunchBootstrap): Promise<void> => {
    if (req.method !== 'POST') return sendJson(res, 405, apiError('API_METHOD_UNKNOWN', 'Use POST.'));
    if (!originAllowed(req.headers.origin, true)) return sendJson(res, 403, apiError('API_UNAUTHORIZED', 'Only the kiosk page itself may start a session.'));
    const input = await bodyJson(req, res);
    if (!input.ok) return;
    const nonce = typeof input.value === 'object' && input.value !== null ? (input.value as Record<string, unknown>)['nonce'] : undefined;
    const granted = launch.exchange(nonce);
    if (granted === null) {
      return sendJson(
        res,
        403,
        apiError('API_UNAUTHORIZED', 'This start link was already used, or is not this kiosk\'s.', 'Each start of the kiosk opens its page once; restart the kiosk (adm-kiosk start) to open it again.'),
      );
    }
    guard.trust(req.socket);
    return sendJson(res, 200, { ok: true, value: { tokens: granted } });
  };

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    guard.requestStarted(req.socket);
    res.once('close', () => guard.requestEnded(req.socket));
    handle(req, res).catch((error: unknown) => {
      options.onUnexpected?.('loopback server', error);
      if (!res.headersSent) send(res, csp, 500, 'Internal error', 'text/plain');
      else res.destroy();
    });
  };
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionsCheckingInterval: limits.checkIntervalMs,
      maxHeaderSize: MAX_HEADER_BYTES,
      requireHostHeader: true,
    },
    onRequest,
  );
  // Handled like any request: a refused one is answered at once, without "100 Continue" first.
  server.on('checkContinue', onRequest);
  server.on('connection', (socket: Socket) => {
    // Bound to 127.0.0.1, so only this machine can connect; said once more where it is decided.
    if (!/^(::ffff:)?127\./.test(socket.remoteAddress ?? '')) {
      socket.destroy();
      return;
    }
    guard.admit(socket);
  });

  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: 4 * 1024,
    handleProtocols: (offered) => (offered.has(EVENTS_PROTOCOL) ? EVENTS_PROTOCOL : false),
  });
  const alive = new WeakMap<WebSocket, boolean>();
  const upgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on('error', () => socket.destroy());
    if (!hostAllowed(req.headers.host)) return refuseUpgrade(socket, 421, 'Misdirected Request');
    const target = requestPath(req.url);
    if (target === null || req.method !== 'GET') return refuseUpgrade(socket, 400, 'Bad Request');
    const api = route(options.mounts, target.pathname);
    const events = api?.mount.events;
    if (api === null || api.rest !== 'events' || events === undefined) return refuseUpgrade(socket, 404, 'Not Found');
    if (!originAllowed(req.headers.origin, false)) return refuseUpgrade(socket, 403, 'Forbidden');
    const offered = offeredProtocols(req);
    const token = offered.find((p) => p.startsWith(TOKEN_PROTOCOL_PREFIX))?.slice(TOKEN_PROTOCOL_PREFIX.length);
    if (!offered.includes(EVENTS_PROTOCOL) || !api.mount.accepts(token)) return refuseUpgrade(socket, 401, 'Unauthorized');
    if ((req.headers.upgrade ?? '').toLowerCase() !== 'websocket') return refuseUpgrade(socket, 400, 'Bad Request');
    guard.trust(req.socket);
    guard.requestStarted(req.socket);
    sockets.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      alive.set(ws, true);
      ws.on('pong', () => alive.set(ws, true));
      ws.on('error', () => ws.terminate());
      const unsubscribe = events((message) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
      });
      ws.on('close', unsubscribe);
    });
  };
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    try {
      upgrade(req, socket, head);
    } catch (error) {
      // Nothing a client sends may end the process: whatever slipped through is logged and refused.
      options.onUnexpected?.('loopback server upgrade', error);
      refuseUpgrade(socket, 400, 'Bad Request');
    }
  });
  const pinging = setInterval(() => {
    for (const ws of sockets.clients) {
      if (alive.get(ws) !== true) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, limits.socketPingMs);
  pinging.unref();

  try {
    await listen(server, options.port ?? 0);
  } catch (error) {
    clearInterval(pinging);
    throw error;
  }
  server.on('error', (error) => options.onUnexpected?.('loopback server', error));
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  csp = contentSecurityPolicy(port);
  return {
    url: origin,
    port,
    connections: () => ({ open: guard.size, evicted: guard.evicted }),
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(pinging);
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

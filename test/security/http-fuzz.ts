import { connect } from 'node:net';

/**
 * A generator of hostile HTTP/1.x requests and WebSocket upgrades for the loopback server,
 * deterministic from a seed: request lines, targets (`%` escapes, brackets, traversal, very
 * long), versions, headers (Host, Origin, token, lengths, encodings, upgrade headers, junk),
 * bodies, WebSocket frames after an upgrade, several requests pipelined in one write, and
 * byte-level mutations of all of it. `fuzzServer` sends them on raw sockets.
 */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FuzzTarget {
  readonly port: number;
  readonly token: string;
}

interface Gen {
  readonly r: () => number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
  int(max: number): number;
}

function gen(r: () => number): Gen {
  return {
    r,
    pick: <T>(items: readonly T[]) => items[Math.floor(r() * items.length)] as T,
    chance: (p) => r() < p,
    int: (max) => Math.floor(r() * max),
  };
}

const GOOD_METHODS = ['GET', 'GET', 'POST', 'POST', 'POST', 'HEAD'];
const BAD_METHODS = ['PUT', 'DELETE', 'OPTIONS', 'PATCH', 'TRACE', 'CONNECT', 'BREW', 'get', 'G\0T', '', 'POST POST'];
const API_METHODS = ['getSession', 'getSession', 'touch', 'endSession', 'submitPin', 'tapDemoCard', 'chooseDocument', 'startPrint', 'listDemoCards', 'formatDisk', 'constructor', '__proto__', 'events'];
const GOOD_PATHS = ['/', '/index.html', '/assets/', '/favicon.ico', '/api/', '/bootstrap', '/ops-api/getSession'];
const BAD_SEGMENTS = ['..', '%2e%2e', '%2E%2e%2f', '%', '%z', '%zz', '%E0%A4', '%E0%A4%A', '%00', '%5c', '%ff', '%C0%AF', '[', ']', '[::1]', '@', ':', ';', 'ü', '\\', '\t', '*', 'a'.repeat(9000)];
const BAD_PREFIXES = ['//', '', '*', 'http://127.0.0.1/', 'http://[', 'ws://x/', '/./', '/../', '//['];
const BAD_VERSIONS = ['HTTP/1.0', 'HTTP/0.9', 'HTTP/2', 'HTTP/2.0', 'HTTP/1.1 extra', '', 'HTTP/x', 'http/1.1', 'HTTP/1.12'];
const ORIGINS = ['OWN', 'OWN', 'http://evil.example', 'null', 'http://localhost', 'file://', ''];

/** The faults a request may carry; a case takes none, one or several. */
const FAULTS = ['method', 'target', 'prefix', 'version', 'host', 'origin', 'token', 'length', 'encoding', 'junk-header', 'many-headers', 'body', 'upgrade-headers', 'protocols'] as const;
type Fault = (typeof FAULTS)[number];

function target(g: Gen, faults: ReadonlySet<Fault>): string {
  let path = g.chance(0.6) ? `/api/${g.pick(API_METHODS)}` : g.pick(GOOD_PATHS);
  if (faults.has('target')) {
    const parts = Array.from({ length: 1 + g.int(4) }, () => g.pick(BAD_SEGMENTS));
    path += parts.join(g.pick(['/', '/', '//', '%2f', ';']));
  }
  if (faults.has('prefix')) path = g.pick(BAD_PREFIXES) + path.replace(/^\//, '');
  if (g.chance(0.15)) path += `?${g.pick(['token=', 'a=%', 'x', '%zz', 'token=%E0', '&&&', '=='])}${g.chance(0.5) ? 'abc' : ''}`;
  return path;
}

function headers(g: Gen, ctx: FuzzTarget, method: string, body: string, upgrade: boolean, faults: ReadonlySet<Fault>): string[] {
  const lines: string[] = [];
  const host = `127.0.0.1:${ctx.port}`;
  const origin = `http://${host}`;
  if (!faults.has('host')) lines.push(`Host: ${g.chance(0.9) ? host : `localhost:${ctx.port}`}`);
  else lines.push(...g.pick([['Host: evil.example'], [`Host: ${host}`, 'Host: evil.example'], ['Host:'], [], [`Host: ${host}:1`]]));
  if (faults.has('origin')) {
    const o = g.pick(ORIGINS);
    lines.push(`Origin: ${o === 'OWN' ? origin : o}`);
  } else if (g.chance(0.3)) lines.push(`Origin: ${origin}`);
  if (!faults.has('token')) lines.push(`x-kiosk-token: ${ctx.token}`);
  else lines.push(...g.pick([[], [`x-kiosk-token: ${ctx.token.slice(0, -1)}x`], [`x-kiosk-token: ${'t'.repeat(g.int(5000))}`], [`x-kiosk-token: ${ctx.token}`, 'x-kiosk-token: other']]));
  if (upgrade) {
    if (!faults.has('upgrade-headers')) {
      lines.push('Upgrade: websocket', 'Connection: Upgrade', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==', 'Sec-WebSocket-Version: 13');
    } else {
      lines.push(`Upgrade: ${g.pick(['WebSocket', 'h2c', 'tls/1.0', ''])}`, `Connection: ${g.pick(['Upgrade', 'keep-alive, Upgrade', 'close', 'upgrade'])}`);
      if (g.chance(0.7)) lines.push(`Sec-WebSocket-Key: ${g.pick(['dGhlIHNhbXBsZSBub25jZQ==', 'short', '', '====================='])}`);
      if (g.chance(0.7)) lines.push(`Sec-WebSocket-Version: ${g.pick(['13', '8', '99', 'x'])}`);
      if (g.chance(0.1)) lines.push(`Sec-WebSocket-Extensions: ${g.pick(['permessage-deflate', 'permessage-deflate; client_max_window_bits=99;;', 'x-junk'])}`);
    }
    const protocols = faults.has('protocols')
      ? g.pick(['adm-kiosk', `adm-kiosk-token.${ctx.token}`, 'adm-kiosk, adm-kiosk-token.wrong', '"bad"', ',,,', ''])
      : `adm-kiosk, adm-kiosk-token.${ctx.token}`;
    lines.push(`Sec-WebSocket-Protocol: ${protocols}`);
  }
  if (body !== '' || method === 'POST') {
    if (!faults.has('length')) lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
    else {
      lines.push(
        ...g.pick([
          [`Content-Length: ${Buffer.byteLength(body) + 1 + g.int(100)}`],
          ['Content-Length: -1'],
          ['Content-Length: 99999999999999999999'],
          ['Content-Length: abc'],
          [`Content-Length: ${Buffer.byteLength(body)}`, `Content-Length: ${Buffer.byteLength(body) + 1}`],
          ['Transfer-Encoding: chunked', `Content-Length: ${Buffer.byteLength(body)}`],
        ]),
      );
    }
  }
  if (faults.has('encoding')) lines.push(`Transfer-Encoding: ${g.pick(['chunked', 'chunked', 'gzip, chunked', 'chunked, gzip', 'x', 'chunked\tx'])}`);
  if (g.chance(0.3)) lines.push(`Content-Type: ${g.pick(['application/json', 'text/plain', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', ''])}`);
  if (g.chance(0.05)) lines.push('Expect: 100-continue');
  if (faults.has('junk-header')) {
    lines.push(g.pick([`X-Junk: ${'v'.repeat(g.int(20_000))}`, 'Bad Header: x', 'NoColon', ': empty-name', 'X-Ctl: a\u0001b', `X-${'n'.repeat(g.int(300))}: v`, 'X-Fold: a\r\n folded', 'X-Nul: \0']));
  }
  if (faults.has('many-headers')) for (let i = 0, n = 500 + g.int(3000); i < n; i += 1) lines.push(`X-${i}: v`);
  return lines;
}

function body(g: Gen, faults: ReadonlySet<Fault>): string {
  if (!faults.has('body')) return g.pick(['{}', '{}', '{"pin":"123456"}', '{"documentId":"DOC-0001"}', '{"nonce":"guess"}', '']);
  return g.pick([
    '{"pin":"12ab"}',
    '{"nik":"3273015708850001"}',
    '[]',
    'null',
    '"str"',
    '{"__proto__":{"polluted":1}}',
    '{"constructor":{"prototype":{"x":1}}}',
    '{{',
    '\u0000\u0001',
    `{"a":"${'x'.repeat(70_000)}"}`,
    JSON.stringify({ deep: JSON.parse('['.repeat(500) + ']'.repeat(500)) as unknown }),
  ]);
}

function chunked(text: string, g: Gen): string {
  if (g.chance(0.15)) return `${g.pick(['zz', '-1', 'FFFFFFFFFFFFFFFFFF', ''])}\r\n${text}\r\n0\r\n\r\n`;
  return `${Buffer.byteLength(text).toString(16)}\r\n${text}\r\n0\r\n\r\n`;
}

function frames(g: Gen): Buffer {
  const parts: Buffer[] = [];
  for (let i = 1 + g.int(3); i > 0; i -= 1) {
    const kind = g.int(5);
    if (kind === 0) parts.push(Buffer.from([0x81, 0x85, 1, 2, 3, 4, 0x69, 0x67, 0x6f, 0x68, 0x6e])); // masked text "hello"
    else if (kind === 1) parts.push(Buffer.from([0x81, 0x05, 0x68, 0x65, 0x6c, 0x6c, 0x6f])); // unmasked: refused
    else if (kind === 2) parts.push(Buffer.from([0x8f, 0x80, 0, 0, 0, 0])); // reserved opcode
    else if (kind === 3) parts.push(Buffer.from([0x82, 0xff, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0])); // 2^63 length
    else parts.push(Buffer.from(Array.from({ length: 1 + g.int(64) }, () => g.int(256))));
  }
  return Buffer.concat(parts);
}

function mutate(bytes: Buffer, g: Gen): Buffer {
  const copy = Buffer.from(bytes);
  const edits = 1 + g.int(4);
  let out = copy;
  for (let i = 0; i < edits && out.length > 0; i += 1) {
    const at = g.int(out.length);
    const op = g.int(3);
    if (op === 0) out[at] = g.int(256);
    else if (op === 1) out = Buffer.concat([out.subarray(0, at), Buffer.from([g.pick([0x00, 0x0a, 0x0d, 0x20, 0x25, 0x3a, 0x5b, 0xff])]), out.subarray(at)]);
    else out = Buffer.concat([out.subarray(0, at), out.subarray(at + 1 + g.int(8))]);
  }
  return out;
}

/** One request (or an upgrade, possibly followed by frames) as bytes, with none, one or several faults. */
function oneRequest(g: Gen, ctx: FuzzTarget, last: boolean): Buffer {
  const faults = new Set<Fault>();
  const faultCount = g.pick([0, 0, 0, 1, 1, 1, 2, 3]);
  for (let i = 0; i < faultCount; i += 1) faults.add(g.pick(FAULTS));
  const upgrade = g.chance(0.2);
  const method = faults.has('method') ? g.pick(BAD_METHODS) : upgrade ? 'GET' : g.pick(GOOD_METHODS);
  const text = upgrade ? '' : body(g, faults);
  const path = upgrade ? (faults.has('target') || faults.has('prefix') ? target(g, faults) : g.pick(['/api/events', '/api/events', '/ops-api/events', '/index.html'])) : target(g, faults);
  const head = headers(g, ctx, method, text, upgrade, faults);
  if (last && !upgrade && g.chance(0.8)) head.push('Connection: close');
  else if (!last && !upgrade) head.push('Connection: keep-alive');
  const isChunked = head.some((h) => h.startsWith('Transfer-Encoding: chunked'));
  const version = faults.has('version') ? g.pick(BAD_VERSIONS) : 'HTTP/1.1';
  const request = Buffer.from(`${method} ${path} ${version}\r\n${head.join('\r\n')}\r\n\r\n${isChunked ? chunked(text, g) : text}`, 'latin1');
  return upgrade && g.chance(0.5) ? Buffer.concat([request, frames(g)]) : request;
}

export interface FuzzCase {
  readonly bytes: Buffer;
  /** Requests in it (pipelined ones count each). */
  readonly requests: number;
}

export function* fuzzCases(seed: number, ctx: FuzzTarget): Generator<FuzzCase> {
  const g = gen(prng(seed));
  for (;;) {
    const count = g.chance(0.25) ? 2 + g.int(5) : 1;
    const parts: Buffer[] = [];
    for (let i = 0; i < count; i += 1) parts.push(oneRequest(g, ctx, i === count - 1));
    let bytes: Buffer = Buffer.concat(parts);
    if (g.chance(0.1)) bytes = mutate(bytes, g);
    yield { bytes, requests: count };
  }
}

export interface FuzzReport {
  readonly requests: number;
  readonly connections: number;
  /** How many responses had each status. */
  readonly statuses: Record<number, number>;
  /** Connections the server left open past the client's patience (then closed by the client). */
  readonly lingering: number;
  /** Connections refused or reset before anything was sent. */
  readonly refused: number;
  /** The first few cases that got a 5xx other than 505, as text. */
  readonly serverErrors: string[];
}

/** One case on a fresh connection: send, wait a moment for answers, then leave. */
function exchange(port: number, bytes: Buffer): Promise<{ statuses: number[]; lingered: boolean; refused: boolean }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let idle: ReturnType<typeof setTimeout> | undefined;
    let connected = false;
    let lingered = false;
    const socket = connect({ host: '127.0.0.1', port });
    const done = (refused: boolean) => {
      clearTimeout(idle);
      socket.destroy();
      const text = Buffer.concat(chunks).toString('latin1');
      resolve({ statuses: [...text.matchAll(/(?:^|\r\n)HTTP\/1\.[01] (\d{3}) /g)].map((m) => Number(m[1])), lingered, refused });
    };
    // Still open after a quiet moment: leave (half-close), then give up.
    const arm = (stage: number) => {
      clearTimeout(idle);
      idle = setTimeout(() => {
        if (stage === 0) {
          socket.end();
          arm(1);
        } else {
          lingered = true;
          done(false);
        }
      }, stage === 0 ? 200 : 1_000);
    };
    socket.on('connect', () => {
      connected = true;
      socket.write(bytes);
      arm(0);
    });
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      arm(0);
    });
    socket.on('close', () => done(false));
    socket.on('error', () => done(!connected));
  });
}

export async function fuzzServer(ctx: FuzzTarget, options: { seed: number; requests: number; concurrency: number }): Promise<FuzzReport> {
  const cases = fuzzCases(options.seed, ctx);
  const statuses: Record<number, number> = {};
  const serverErrors: string[] = [];
  let requests = 0;
  let connections = 0;
  let lingering = 0;
  let refused = 0;
  const worker = async () => {
    while (requests < options.requests) {
      const next = cases.next().value as FuzzCase;
      requests += next.requests;
      connections += 1;
      const reply = await exchange(ctx.port, next.bytes);
      if (reply.lingered) lingering += 1;
      if (reply.refused) refused += 1;
      for (const status of reply.statuses) {
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (status >= 500 && status !== 505 && serverErrors.length < 5) serverErrors.push(next.bytes.toString('latin1').slice(0, 400));
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return { requests, connections, statuses, lingering, refused, serverErrors };
}

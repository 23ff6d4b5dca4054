import type { ChildProcess } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { kioskTokenFromLaunchUrl } from '../../src/api/launch-client.ts';
import { startKiosk } from '../e2e/kiosk-process.ts';

/**
 * Test support for the security suite: a real kiosk process (`adm-kiosk start --headless`),
 * optionally with a lowered file-descriptor limit, and raw sockets to talk to it as an
 * attacker would, byte for byte.
 */
export interface TargetKiosk {
  readonly process: ChildProcess;
  readonly launchUrl: string;
  readonly origin: string;
  readonly port: number;
  readonly dataDir: string;
  /** The KioskApi token, got the way the page gets it (the one-time bootstrap); empty with `leaveStartLink`. */
  readonly token: string;
  output(): string;
  alive(): boolean;
  stop(): Promise<number | null>;
}

export interface TargetOptions {
  readonly args?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  /** Run the kiosk with this many file descriptors at most (RLIMIT_NOFILE, soft and hard). */
  readonly fdLimit?: number;
  /** Leave the one-time start link for a browser (`token` is then empty: read it from the page). */
  readonly leaveStartLink?: boolean;
}

export async function startTarget(dataDir: string, options: TargetOptions = {}): Promise<TargetKiosk> {
  const kiosk = await startKiosk(dataDir, options.args ?? [], {
    timeoutMs: 90_000,
    ...(options.env === undefined ? {} : { env: options.env }),
    ...(options.fdLimit === undefined ? {} : { fdLimit: options.fdLimit }),
  });
  const url = new URL(kiosk.launchUrl);
  const token = options.leaveStartLink === true ? '' : await kioskTokenFromLaunchUrl(kiosk.launchUrl);
  const child = kiosk.process;
  return {
    process: child,
    launchUrl: kiosk.launchUrl,
    origin: url.origin,
    port: Number(url.port),
    dataDir,
    token,
    output: () => kiosk.output(),
    alive: () => child.exitCode === null && child.signalCode === null,
    stop: () => kiosk.stop(),
  };
}

export interface RawReply {
  /** Status codes of the responses read, in order (several when pipelined). */
  readonly statuses: number[];
  readonly text: string;
  /** How the exchange ended: the server closed, the client gave up waiting, or the connection was refused/reset. */
  readonly end: 'closed' | 'timeout' | 'error';
}

/**
 * Sends bytes on a fresh connection and reads until the server closes or `timeoutMs` passes.
 * `halfClose` ends the client's side after sending (a client that leaves: Node's server then
 * drops what is still in flight, as browsers never do this).
 */
export function rawExchange(port: number, data: string | Buffer, options: { timeoutMs?: number; halfClose?: boolean } = {}): Promise<RawReply> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let settled = false;
    const socket = connect({ host: '127.0.0.1', port });
    const finish = (end: RawReply['end']) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString('latin1');
      const statuses = [...text.matchAll(/(?:^|\r\n)HTTP\/1\.[01] (\d{3}) /g)].map((m) => Number(m[1]));
      resolve({ statuses, text, end });
    };
    const timer = setTimeout(() => finish('timeout'), options.timeoutMs ?? 5_000);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('close', () => finish('closed'));
    socket.on('error', () => finish('error'));
    socket.on('connect', () => {
      socket.write(data);
      if (options.halfClose === true) socket.end();
    });
  });
}

/** An HTTP/1.1 request as bytes (with `Connection: close` unless the headers say otherwise or it is an upgrade). */
export function httpRequest(method: string, path: string, headers: Readonly<Record<string, string>>, body = ''): string {
  const all = 'Connection' in headers ? headers : { ...headers, Connection: 'close' };
  const lines = [`${method} ${path} HTTP/1.1`, ...Object.entries(all).map(([k, v]) => `${k}: ${v}`)];
  if (body !== '') lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}

/** What the kiosk's own page does: load the UI, and call the API with its token. Throws when either fails. */
export async function assertServing(target: TargetKiosk, timeoutMs = 15_000): Promise<void> {
  const signal = AbortSignal.timeout(timeoutMs);
  const page = await fetch(`${target.origin}/`, { signal });
  const html = await page.text();
  if (page.status !== 200 || !html.includes('<div id="root">')) throw new Error(`the UI did not load: ${page.status}`);
  const api = await fetch(`${target.origin}/api/getSession`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-kiosk-token': target.token }, body: '{}', signal });
  const body = (await api.json()) as { ok?: boolean };
  if (body.ok !== true) throw new Error(`the API did not answer: ${JSON.stringify(body)}`);
}

/** Opens `count` sockets and leaves them idle; resolves once every one connected or failed. */
export async function holdIdleSockets(port: number, count: number): Promise<{ sockets: Socket[]; connected: number; closedByServer: () => number; release: () => void }> {
  const sockets: Socket[] = [];
  let connected = 0;
  let closed = 0;
  const batch = 200;
  for (let start = 0; start < count; start += batch) {
    await Promise.all(
      Array.from({ length: Math.min(batch, count - start) }, () => {
        return new Promise<void>((resolve) => {
          const socket = connect({ host: '127.0.0.1', port });
          sockets.push(socket);
          socket.on('connect', () => {
            connected += 1;
            resolve();
          });
          socket.on('error', () => resolve());
          socket.on('close', () => {
            closed += 1;
            resolve();
          });
        });
      }),
    );
  }
  return {
    sockets,
    connected,
    closedByServer: () => closed,
    release: () => {
      for (const socket of sockets) socket.destroy();
    },
  };
}

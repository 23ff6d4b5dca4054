import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Test support: a registry that misbehaves. It sits in front of a real registry server and
 * passes requests through, unless a fault is queued for the next requests:
 * - `delay`: answers after `ms` (the real answer: the request was carried out);
 * - `drop`: closes the connection without an answer (before passing it on);
 * - `status`: answers that HTTP status with a small JSON error, without passing it on;
 * - `body`: passes the request on and replaces the answer's body with `rewrite(json)` (or
 *   `text` as it is: malformed JSON), keeping its status.
 */
export type Fault =
  | { readonly kind: 'delay'; readonly ms: number }
  | { readonly kind: 'drop' }
  | { readonly kind: 'status'; readonly status: number }
  | { readonly kind: 'body'; readonly rewrite?: (json: unknown) => unknown; readonly text?: string };

export interface FaultProxy {
  /** Base URL to give the client (same path prefix as the real server). */
  readonly url: string;
  /** Queues faults for the next requests, one each; `always` for every request until `heal`. */
  inject(...faults: Fault[]): void;
  always(fault: Fault): void;
  heal(): void;
  /** Requests that reached the proxy. */
  readonly requests: () => number;
  close(): Promise<void>;
}

export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const upstream = new URL(target);
  const queue: Fault[] = [];
  let standing: Fault | null = null;
  let count = 0;

  const forward = (req: IncomingMessage, body: Buffer): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> =>
    new Promise((resolve, reject) => {
      const out = httpRequest({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: { 'content-type': 'application/json' }, body: Buffer.concat(chunks) }));
      });
      out.on('error', reject);
      out.end(body);
    });

  const send = (res: ServerResponse, status: number, body: Buffer | string) => {
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };

  const server: Server = createServer((req, res) => {
    count += 1;
    const fault = queue.shift() ?? standing;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (fault?.kind === 'drop') {
        req.socket.destroy();
        return;
      }
      if (fault?.kind === 'status') {
        send(res, fault.status, JSON.stringify({ error: { code: 'REGISTRY_UNAVAILABLE', message: 'Injected failure.' } }));
        return;
      }
      forward(req, body).then(
        async (answer) => {
          if (fault?.kind === 'delay') await new Promise((resolve) => setTimeout(resolve, fault.ms));
          if (fault?.kind === 'body') {
            const text = fault.text ?? JSON.stringify(fault.rewrite?.(JSON.parse(answer.body.toString('utf8'))));
            send(res, answer.status, text);
            return;
          }
          if (!res.destroyed) send(res, answer.status, answer.body);
        },
        () => send(res, 502, '{}'),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${upstream.pathname}`,
    inject: (...faults) => queue.push(...faults),
    always: (fault) => (standing = fault),
    heal: () => {
      standing = null;
      queue.length = 0;
    },
    requests: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

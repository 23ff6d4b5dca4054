import type { Socket } from 'node:net';

/**
 * Connection caps for the loopback server, so that the kiosk's own page always gets through
 * however many sockets another local process (or a web page) opens and leaves idle.
 *
 * Every accepted socket is tracked, oldest first. A socket becomes *trusted* once it carried
 * a request with a mount's token (an API call, the event socket); until then it is a
 * stranger. When a new socket takes the server over its total cap, or its client (remote
 * address) over the per-client cap, the guard closes one socket to make room, in this order:
 * the oldest idle stranger, the oldest busy stranger, the oldest idle trusted socket, the
 * oldest trusted one. The newcomer is never the one closed, so an attacker holding
 * thousands of idle sockets only ever pushes out its own, and the page's next request (a new
 * socket, or one that carries the token) is served. File descriptors stay bounded by the cap.
 *
 * Idle sockets also die by time: the HTTP server's headers, request and keep-alive timeouts
 * (see `DEFAULT_CONNECTION_LIMITS`) and the event socket's ping.
 */
export interface ConnectionLimits {
  /** Sockets open at once, all clients together. */
  readonly maxConnections: number;
  /** Sockets open at once from one remote address. */
  readonly maxPerClient: number;
  /** A request's headers must arrive whole within this (slowloris). */
  readonly headersTimeoutMs: number;
  /** A whole request (headers and body) must arrive within this. */
  readonly requestTimeoutMs: number;
  /** An idle keep-alive socket is closed after this. */
  readonly keepAliveTimeoutMs: number;
  /** How often the server checks the two timeouts above. */
  readonly checkIntervalMs: number;
  /** The event socket is pinged this often; one that missed the last ping is closed. */
  readonly socketPingMs: number;
}

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  maxConnections: 256,
  maxPerClient: 128,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  checkIntervalMs: 1_000,
  socketPingMs: 30_000,
};

interface Tracked {
  readonly client: string;
  trusted: boolean;
  /** Requests in flight (0: idle). An upgraded event socket counts as busy for its life. */
  busy: number;
}

export class ConnectionGuard {
  private readonly sockets = new Map<Socket, Tracked>();
  private readonly perClient = new Map<string, number>();
  private evictions = 0;

  constructor(private readonly limits: Pick<ConnectionLimits, 'maxConnections' | 'maxPerClient'>) {
    if (limits.maxConnections < 2 || limits.maxPerClient < 2) throw new Error('connection caps must be at least 2');
  }

  /** Sockets open now. */
  get size(): number {
    return this.sockets.size;
  }

  /** Sockets closed to make room since the server started. */
  get evicted(): number {
    return this.evictions;
  }

  /** A socket was accepted: track it, then make room if it took a cap over. */
  admit(socket: Socket): void {
    const client = socket.remoteAddress ?? 'unknown';
    this.sockets.set(socket, { client, trusted: false, busy: 0 });
    this.perClient.set(client, (this.perClient.get(client) ?? 0) + 1);
    socket.once('close', () => this.forget(socket));
    while ((this.perClient.get(client) ?? 0) > this.limits.maxPerClient) {
      if (!this.evictOne(socket, client)) break;
    }
    while (this.sockets.size > this.limits.maxConnections) {
      if (!this.evictOne(socket, null)) break;
    }
  }

  /** The socket carried a valid token. */
  trust(socket: Socket): void {
    const tracked = this.sockets.get(socket);
    if (tracked !== undefined) tracked.trusted = true;
  }

  requestStarted(socket: Socket): void {
    const tracked = this.sockets.get(socket);
    if (tracked !== undefined) tracked.busy += 1;
  }

  requestEnded(socket: Socket): void {
    const tracked = this.sockets.get(socket);
    if (tracked !== undefined && tracked.busy > 0) tracked.busy -= 1;
  }

  private forget(socket: Socket): void {
    const tracked = this.sockets.get(socket);
    if (tracked === undefined) return;
    this.sockets.delete(socket);
    const left = (this.perClient.get(tracked.client) ?? 1) - 1;
    if (left <= 0) this.perClient.delete(tracked.client);
    else this.perClient.set(tracked.client, left);
  }

  /** Closes the socket that matters least (never `keep`); false when there is none to close. */
  private evictOne(keep: Socket, client: string | null): boolean {
    const rank = (t: Tracked) => (t.trusted ? 2 : 0) + (t.busy > 0 ? 1 : 0);
    let victim: Socket | undefined;
    let victimRank = Number.POSITIVE_INFINITY;
    // Map iteration is insertion order: the first socket of the lowest rank is the oldest.
    for (const [socket, tracked] of this.sockets) {
      if (socket === keep || (client !== null && tracked.client !== client)) continue;
      const r = rank(tracked);
      if (r < victimRank) {
        victim = socket;
        victimRank = r;
        if (r === 0) break;
      }
    }
    if (victim === undefined) return false;
    this.forget(victim);
    this.evictions += 1;
    victim.destroy();
    return true;
  }
}

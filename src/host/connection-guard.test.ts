import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ConnectionGuard } from './connection-guard.ts';

/** Sockets as the guard sees them: an address, `destroy`, and `close` once destroyed. */
class FakeSocket extends EventEmitter {
  destroyed = false;
  constructor(readonly remoteAddress: string, readonly name: string) {
    super();
  }
  destroy(): void {
    this.destroyed = true;
    this.emit('close');
  }
}

function open(guard: ConnectionGuard, address: string, name: string): FakeSocket {
  const socket = new FakeSocket(address, name);
  guard.admit(socket as unknown as Socket);
  return socket;
}

describe('ConnectionGuard', () => {
  it('over the total cap, closes the oldest idle stranger, never a trusted socket while strangers remain, never the newcomer', () => {
    const guard = new ConnectionGuard({ maxConnections: 3, maxPerClient: 10 });
    const page = open(guard, '127.0.0.1', 'page');
    guard.trust(page as unknown as Socket);
    const busyStranger = open(guard, '127.0.0.1', 'busy');
    guard.requestStarted(busyStranger as unknown as Socket);
    const idleStranger = open(guard, '127.0.0.1', 'idle');
    const newcomer = open(guard, '127.0.0.1', 'new');
    expect([page, busyStranger, idleStranger, newcomer].filter((s) => s.destroyed).map((s) => s.name)).toEqual(['idle']);
    const another = open(guard, '127.0.0.1', 'another');
    // Idle strangers first (the newcomer of before is now the oldest idle one), then busy ones.
    expect(newcomer.destroyed).toBe(true);
    open(guard, '127.0.0.1', 'third');
    expect(another.destroyed).toBe(true);
    open(guard, '127.0.0.1', 'fourth');
    expect(page.destroyed).toBe(false);
    expect(guard.size).toBe(3);
    expect(guard.evicted).toBe(4);
  });

  it('over the per-client cap, makes room among that client\'s own sockets only', () => {
    const guard = new ConnectionGuard({ maxConnections: 100, maxPerClient: 2 });
    const page = open(guard, '127.0.0.1', 'page');
    const flood = Array.from({ length: 10 }, (_, i) => open(guard, '127.0.0.2', `flood-${i}`));
    expect(page.destroyed).toBe(false);
    expect(flood.filter((s) => !s.destroyed).map((s) => s.name)).toEqual(['flood-8', 'flood-9']);
    expect(guard.size).toBe(3);
  });

  it('a socket that closes by itself is forgotten', () => {
    const guard = new ConnectionGuard({ maxConnections: 2, maxPerClient: 2 });
    const a = open(guard, '127.0.0.1', 'a');
    a.destroy();
    open(guard, '127.0.0.1', 'b');
    open(guard, '127.0.0.1', 'c');
    expect(guard.size).toBe(2);
    expect(guard.evicted).toBe(0);
  });
});

import { createContractClient } from './client-core.ts';
import type { AnyContract, ClientOf, EventMessage } from './contract-kit.ts';
import { kioskApiContract, type KioskApi } from './contract.ts';

/**
 * The loopback client for any contract mounted at `prefix` (`/api` for the KioskApi): methods
 * over `POST <prefix>/<method>`, events over a WebSocket at `<prefix>/events`. Both carry the
 * mount's token; the server refuses requests without it. The socket reconnects after a drop,
 * so a kiosk restart does not leave the screen stale.
 */
export interface HttpClientOptions {
  readonly baseUrl: string;
  readonly token: string;
  /** Where the contract is mounted (default `/api`). */
  readonly prefix?: string;
}

export function createHttpClient<C extends AnyContract>(contract: C, options: HttpClientOptions): ClientOf<C> {
  const base = `${options.baseUrl.replace(/\/$/, '')}${options.prefix ?? '/api'}`;
  const listeners = new Set<(message: EventMessage) => void>();
  let socket: WebSocket | null = null;
  let retry: ReturnType<typeof setTimeout> | null = null;

  const connect = () => {
    if (socket !== null || listeners.size === 0) return;
    const url = `${base.replace(/^http/, 'ws')}/events?token=${encodeURIComponent(options.token)}`;
    const ws = new WebSocket(url);
    socket = ws;
    ws.onmessage = (event: MessageEvent) => {
      if (typeof event.data !== 'string') return;
      let message: unknown;
      try {
        message = JSON.parse(event.data);
      } catch {
        return;
      }
      if (typeof message === 'object' && message !== null && 'event' in message && typeof message.event === 'string') {
        for (const listener of listeners) listener(message as EventMessage);
      }
    };
    ws.onclose = () => {
      socket = null;
      if (listeners.size > 0 && retry === null) {
        retry = setTimeout(() => {
          retry = null;
          connect();
        }, 1000);
      }
    };
  };

  return createContractClient(contract, {
    async invoke(method, input) {
      const response = await fetch(`${base}/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-kiosk-token': options.token },
        body: JSON.stringify(input),
      });
      return (await response.json()) as unknown;
    },
    subscribe(listener) {
      listeners.add(listener);
      connect();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) socket?.close();
      };
    },
  });
}

/** The browser shell's KioskApi client (mounted at `/api`). */
export function createHttpKioskApi(options: { baseUrl: string; token: string }): KioskApi {
  return createHttpClient(kioskApiContract, { ...options, prefix: '/api' });
}

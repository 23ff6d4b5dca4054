import { createContractClient } from './client-core.ts';
import type { AnyContract, ClientOf, EventMessage } from './contract-kit.ts';
import { kioskApiContract, type KioskApi } from './contract.ts';

/**
 * The loopback client for any contract mounted at `prefix` (`/api` for the KioskApi): methods
 * over `POST <prefix>/<method>` with the token in the `x-kiosk-token` header, events over a
 * WebSocket at `<prefix>/events` with the token in its subprotocol list (`adm-kiosk`,
 * `adm-kiosk-token.<token>`): never in a URL. The server refuses requests without it. The
 * socket reconnects after a drop, so a kiosk restart does not leave the screen stale.
 */
export interface HttpClientOptions {
  readonly baseUrl: string;
  /** The mount's token, or how to get it (the page's one-time launch bootstrap): asked once, on first use. */
  readonly token: string | (() => Promise<string>);
  /** Where the contract is mounted (default `/api`). */
  readonly prefix?: string;
}

export function createHttpClient<C extends AnyContract>(contract: C, options: HttpClientOptions): ClientOf<C> {
  const base = `${options.baseUrl.replace(/\/$/, '')}${options.prefix ?? '/api'}`;
  const listeners = new Set<(message: EventMessage) => void>();
  let socket: WebSocket | null = null;
  let retry: ReturnType<typeof setTimeout> | null = null;
  let tokenPromise: Promise<string> | null = null;
  const token = (): Promise<string> => {
    const given = options.token;
    tokenPromise ??= typeof given === 'string' ? Promise.resolve(given) : given();
    return tokenPromise;
  };
  let connecting = false;

  const open = (value: string) => {
    if (socket !== null || listeners.size === 0) return;
    const ws = new WebSocket(`${base.replace(/^http/, 'ws')}/events`, ['adm-kiosk', `adm-kiosk-token.${value}`]);
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
  const connect = () => {
    if (socket !== null || connecting || listeners.size === 0) return;
    connecting = true;
    // Without a token there is nothing to connect with; the method calls report why.
    token()
      .then(open)
      .finally(() => {
        connecting = false;
      })
      .catch(() => undefined);
  };

  return createContractClient(contract, {
    async invoke(method, input) {
      const response = await fetch(`${base}/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-kiosk-token': await token() },
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
export function createHttpKioskApi(options: { baseUrl: string; token: string | (() => Promise<string>) }): KioskApi {
  return createHttpClient(kioskApiContract, { ...options, prefix: '/api' });
}

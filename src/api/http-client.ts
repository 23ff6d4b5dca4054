import { createKioskApiClient } from './client-core.ts';
import type { KioskApi } from './contract.ts';

/**
 * The browser shell's client: methods over `POST /api/<method>`, events over a WebSocket at
 * `/api/events`. Both carry the per-launch token; the server refuses requests without it.
 * The socket reconnects after a drop, so a kiosk restart does not leave the screen stale.
 */
export function createHttpKioskApi(options: { baseUrl: string; token: string }): KioskApi {
  const base = options.baseUrl.replace(/\/$/, '');
  const listeners = new Set<(message: { event: string; payload: unknown }) => void>();
  let socket: WebSocket | null = null;
  let retry: ReturnType<typeof setTimeout> | null = null;

  const connect = () => {
    if (socket !== null || listeners.size === 0) return;
    const url = `${base.replace(/^http/, 'ws')}/api/events?token=${encodeURIComponent(options.token)}`;
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
      if (typeof message === 'object' && message !== null && 'event' in message) {
        for (const listener of listeners) listener(message as { event: string; payload: unknown });
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

  return createKioskApiClient({
    async invoke(method, input) {
      const response = await fetch(`${base}/api/${method}`, {
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

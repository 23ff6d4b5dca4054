import { createKioskApiClient } from './client-core.ts';
import type { KioskApi } from './contract.ts';

/** What the Electron preload exposes on `window.admKiosk` through contextBridge. */
export interface IpcBridge {
  invoke(method: string, input: unknown): Promise<unknown>;
  onEvent(listener: (message: { event: string; payload: unknown }) => void): () => void;
}

export const IPC_INVOKE_CHANNEL = 'adm-kiosk:invoke';
export const IPC_EVENT_CHANNEL = 'adm-kiosk:event';

export function createIpcKioskApi(bridge: IpcBridge): KioskApi {
  return createKioskApiClient({ invoke: (method, input) => bridge.invoke(method, input), subscribe: (listener) => bridge.onEvent(listener) });
}

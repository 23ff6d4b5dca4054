import type { KioskApi } from '../api/contract.ts';
import type { AnyContract, ClientOf } from '../api/contract-kit.ts';
import { KioskError } from '../core/errors.ts';
import { createHttpClient, createHttpKioskApi } from '../api/http-client.ts';
import { createIpcKioskApi, createStaffIpcClient, type IpcBridge, type StaffIpcBridge } from '../api/ipc-client.ts';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in the browser shell. */
    admKiosk?: IpcBridge;
    /** The staff contracts' bridge, set by the Electron preload. */
    admKioskStaff?: StaffIpcBridge;
  }
}

/**
 * A staff contract's client (ops at `/ops`, technician at `/tech`) for a staff token from
 * `staffSignIn`: Electron's staff IPC bridge when present, else loopback HTTP at its prefix.
 * The token lives only in memory, for as long as the staff screen is open.
 */
export function connectStaffApi<C extends AnyContract>(contract: C, prefix: string, token: string, win: Window = window): ClientOf<C> {
  if (win.admKioskStaff !== undefined) return createStaffIpcClient(contract, win.admKioskStaff, token);
  return createHttpClient(contract, { baseUrl: win.location.origin, token, prefix });
}

export const TOKEN_STORAGE_KEY = 'adm-kiosk-token';

interface TokenSources {
  readonly hash: string;
  readonly storage: Pick<Storage, 'getItem' | 'setItem'>;
  /** Replaces the address bar's URL without the fragment (history.replaceState). */
  readonly clearHash: () => void;
}

/**
 * The browser shell's per-launch token. It arrives in the URL fragment (`#token=...`, never
 * sent to a server), is kept in sessionStorage so a reload still works, and is removed from
 * the address bar at once. Null when there is none.
 */
export function takeLaunchToken(sources: TokenSources): string | null {
  const fromHash = new URLSearchParams(sources.hash.replace(/^#/, '')).get('token')?.trim() ?? '';
  if (fromHash !== '') {
    sources.storage.setItem(TOKEN_STORAGE_KEY, fromHash);
    sources.clearHash();
    return fromHash;
  }
  const stored = sources.storage.getItem(TOKEN_STORAGE_KEY);
  return stored === null || stored === '' ? null : stored;
}

/** The KioskApi for this window: Electron's IPC bridge when present, else loopback HTTP with the token. */
export function connectKioskApi(win: Window = window): KioskApi {
  if (win.admKiosk !== undefined) return createIpcKioskApi(win.admKiosk);
  const token = takeLaunchToken({
    hash: win.location.hash,
    storage: win.sessionStorage,
    clearHash: () => win.history.replaceState(win.history.state, '', win.location.pathname + win.location.search),
  });
  if (token === null) {
    throw new KioskError('API_UNAUTHORIZED', 'The kiosk page was opened without its launch token.', {
      hint: 'Open the kiosk through `adm-kiosk start`, which opens the page with its token.',
    });
  }
  return createHttpKioskApi({ baseUrl: win.location.origin, token });
}

import type { KioskApi } from '../api/contract.ts';
import type { AnyContract, ClientOf } from '../api/contract-kit.ts';
import { KioskError } from '../core/errors.ts';
import { exchangeLaunchNonce } from '../api/launch-client.ts';
import { createHttpClient, createHttpKioskApi } from '../api/http-client.ts';

/**
 * A staff contract's client (ops at `/ops`, technician at `/tech`) for a staff token from
 * `staffSignIn`, over loopback HTTP at its prefix (the browser shell and Electron's window
 * alike). The token lives only in memory, for as long as the staff screen is open.
 */
export function connectStaffApi<C extends AnyContract>(contract: C, prefix: string, token: string, win: Window = window): ClientOf<C> {
  return createHttpClient(contract, { baseUrl: win.location.origin, token, prefix });
}

/** Where the page keeps its API tokens (by mount prefix, JSON) for a reload: sessionStorage, this window only. */
export const TOKENS_STORAGE_KEY = 'adm-kiosk-tokens';
/** The KioskApi's token alone, beside them (what tests and the page's own fetches read). */
export const TOKEN_STORAGE_KEY = 'adm-kiosk-token';

interface LaunchSources {
  readonly hash: string;
  readonly storage: Pick<Storage, 'getItem' | 'setItem'>;
  /** Replaces the address bar's URL without the fragment (history.replaceState). */
  readonly clearHash: () => void;
}

/** What the page starts from: a one-time start nonce, tokens kept from before a reload, or nothing. */
export type LaunchCredentials = { readonly kind: 'nonce'; readonly nonce: string } | { readonly kind: 'tokens'; readonly tokens: Record<string, string> } | { readonly kind: 'none' };

/**
 * The browser shell's start link carries a one-time nonce in its fragment (`#bootstrap=...`,
 * never sent to a server); it is removed from the address bar at once. After a reload there
 * is no fragment and the tokens kept in sessionStorage are used.
 */
export function takeLaunchCredentials(sources: LaunchSources): LaunchCredentials {
  const nonce = new URLSearchParams(sources.hash.replace(/^#/, '')).get('bootstrap')?.trim() ?? '';
  if (nonce !== '') {
    sources.clearHash();
    return { kind: 'nonce', nonce };
  }
  const stored = sources.storage.getItem(TOKENS_STORAGE_KEY);
  if (stored === null || stored === '') return { kind: 'none' };
  try {
    const tokens = JSON.parse(stored) as unknown;
    if (typeof tokens === 'object' && tokens !== null && Object.values(tokens).every((t) => typeof t === 'string')) return { kind: 'tokens', tokens: tokens as Record<string, string> };
  } catch {
    // a damaged entry is no token
  }
  return { kind: 'none' };
}

/** The one-time exchange (src/api/launch-client.ts), its tokens kept for a reload. */
export async function exchangeAndKeep(origin: string, nonce: string, storage: Pick<Storage, 'setItem'>, fetchImpl?: typeof fetch): Promise<Record<string, string>> {
  const tokens = await exchangeLaunchNonce(origin, nonce, fetchImpl === undefined ? {} : { fetchImpl });
  storage.setItem(TOKENS_STORAGE_KEY, JSON.stringify(tokens));
  storage.setItem(TOKEN_STORAGE_KEY, tokens['/api'] ?? '');
  return tokens;
}

/** The KioskApi for this window: loopback HTTP with the token its start link gave (browser shell and Electron alike). */
export function connectKioskApi(win: Window = window): KioskApi {
  const credentials = takeLaunchCredentials({
    hash: win.location.hash,
    storage: win.sessionStorage,
    clearHash: () => win.history.replaceState(win.history.state, '', win.location.pathname + win.location.search),
  });
  if (credentials.kind === 'none') {
    throw new KioskError('API_UNAUTHORIZED', 'The kiosk page was opened without its start link.', {
      hint: 'Open the kiosk through `adm-kiosk start`, which opens the page with a one-time start link.',
    });
  }
  const token =
    credentials.kind === 'tokens'
      ? () => Promise.resolve(credentials.tokens['/api'] ?? '')
      : () => exchangeAndKeep(win.location.origin, credentials.nonce, win.sessionStorage).then((tokens) => tokens['/api'] ?? '');
  return createHttpKioskApi({ baseUrl: win.location.origin, token });
}

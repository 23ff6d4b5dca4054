import { fromErrorData, KioskError, type ErrorData } from '../core/errors.ts';

/**
 * The client half of the launch bootstrap (src/host/launch-bootstrap.ts): a start link's
 * one-time nonce exchanged for the tokens of the kiosk's APIs, by mount prefix, at
 * `POST <origin>/bootstrap`. The first page load wins; a used or foreign nonce is refused
 * (API_UNAUTHORIZED). A browser sends its page's Origin by itself; a client outside a browser
 * (tests, tools) says `sendOrigin` and must be on the same machine anyway.
 */
export interface LaunchExchangeOptions {
  readonly fetchImpl?: typeof fetch;
  /** Add `Origin: <origin>` (outside a browser only: browsers set it themselves). */
  readonly sendOrigin?: boolean;
}

/** The nonce of a start link (`...#bootstrap=NONCE`), or null. */
export function launchNonceOf(launchUrl: string): string | null {
  const hash = launchUrl.includes('#') ? launchUrl.slice(launchUrl.indexOf('#') + 1) : '';
  const nonce = new URLSearchParams(hash).get('bootstrap')?.trim() ?? '';
  return nonce === '' ? null : nonce;
}

export async function exchangeLaunchNonce(origin: string, nonce: string, options: LaunchExchangeOptions = {}): Promise<Record<string, string>> {
  const fetchImpl = options.fetchImpl ?? fetch;
  let body: unknown;
  try {
    const response = await fetchImpl(`${origin}/bootstrap`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(options.sendOrigin === true ? { origin } : {}) },
      body: JSON.stringify({ nonce }),
    });
    body = await response.json();
  } catch (cause) {
    throw new KioskError('API_UNAUTHORIZED', 'The kiosk page could not reach the kiosk to start.', { hint: 'Restart the kiosk (adm-kiosk start).', cause });
  }
  const envelope = body as { ok?: boolean; value?: { tokens?: unknown }; error?: ErrorData };
  const tokens = envelope.value?.tokens;
  if (envelope.ok === true && typeof tokens === 'object' && tokens !== null && Object.values(tokens).every((t) => typeof t === 'string')) return tokens as Record<string, string>;
  throw envelope.error === undefined ? new KioskError('API_UNAUTHORIZED', 'The kiosk refused to start this page.') : fromErrorData(envelope.error);
}

/** A start link's KioskApi token, outside a browser (tests, tools on the kiosk machine). */
export async function kioskTokenFromLaunchUrl(launchUrl: string, fetchImpl?: typeof fetch): Promise<string> {
  const nonce = launchNonceOf(launchUrl);
  if (nonce === null) throw new KioskError('API_UNAUTHORIZED', 'The link carries no start nonce.');
  const tokens = await exchangeLaunchNonce(new URL(launchUrl).origin, nonce, { sendOrigin: true, ...(fetchImpl === undefined ? {} : { fetchImpl }) });
  const token = tokens['/api'];
  if (token === undefined) throw new KioskError('API_UNAUTHORIZED', 'The kiosk granted no KioskApi token.');
  return token;
}

import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The loopback server's small HTTP pieces: its response headers (a strict CSP naming the
 * server's own origin), the request target parsed without ever throwing, bodies read with a
 * cap, and tokens compared in constant time.
 */

/**
 * The page's Content-Security-Policy. Scripts, styles, fonts and images only from the kiosk
 * itself (images also as data: URLs: the preview), no inline script or style (React's `style`
 * prop sets properties through the CSSOM, which CSP allows; a `style="..."` attribute in
 * markup, a `<style>` element or an inline script would be refused), connections only to
 * this server (HTTP and its own WebSocket origin, exactly), no forms, no frames, no plugins.
 */
export function contentSecurityPolicy(port: number): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ws://127.0.0.1:${port}`,
    "object-src 'none'",
    "frame-src 'none'",
    "worker-src 'none'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function send(res: ServerResponse, csp: string, status: number, body: string | Buffer, type: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, {
    'content-type': type,
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=()',
    'cache-control': 'no-store',
    ...extra,
  });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

export function sameToken(given: string | null | undefined, expected: Buffer): boolean {
  if (typeof given !== 'string') return false;
  const buffer = Buffer.from(given);
  return buffer.length === expected.length && expected.length > 0 && timingSafeEqual(buffer, expected);
}

/** The path of a request target, or null when the target is not a plain absolute path that parses. */
export function requestPath(target: string | undefined): { pathname: string; search: string } | null {
  // Only origin-form ("/path?query"): no absolute-form, authority-form, "*", nor "//host".
  if (target === undefined || !target.startsWith('/') || target.startsWith('//')) return null;
  if (/[\0-\x20\x7f]/.test(target)) return null;
  try {
    const url = new URL(target, 'http://127.0.0.1');
    return { pathname: url.pathname, search: url.search };
  } catch {
    return null;
  }
}

/** A path's `%` escapes decoded, or null when one is malformed (or decodes to a NUL or a backslash). */
export function decodePath(pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  return /[\0\\]/.test(decoded) ? null : decoded;
}

export type BodyResult = { readonly kind: 'ok'; readonly text: string } | { readonly kind: 'too-large' } | { readonly kind: 'aborted' };

/** Reads a request body up to `max` bytes; never throws (a client that goes away is `aborted`). */
export function readBody(req: IncomingMessage, max: number): Promise<BodyResult> {
  return new Promise((resolve) => {
    const declared = Number(req.headers['content-length'] ?? '0');
    if (Number.isFinite(declared) && declared > max) {
      resolve({ kind: 'too-large' });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (result: BodyResult) => {
      if (done) return;
      done = true;
      req.off('data', onData);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) finish({ kind: 'too-large' });
      else chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => finish({ kind: 'ok', text: Buffer.concat(chunks).toString('utf8') }));
    req.once('error', () => finish({ kind: 'aborted' }));
    req.once('close', () => finish({ kind: 'aborted' }));
  });
}

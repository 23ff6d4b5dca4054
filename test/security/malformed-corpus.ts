import { httpRequest } from './support.ts';

/**
 * Malformed requests and upgrades, each as the bytes an attacker would send (a hostile web
 * page can send many of them with `new WebSocket(...)` or `fetch`; a local user with a raw
 * socket all of them). `expect` is the status the kiosk must answer, or the set it may
 * answer from ('none': no answer, the client having left), or 'no-response' where closing the
 * connection is the answer.
 */
export interface CorpusEntry {
  readonly name: string;
  readonly bytes: (ctx: { host: string; token: string; origin: string }) => string | Buffer;
  readonly expect: number | readonly (number | 'none')[] | 'no-response';
  /** The client ends its side after sending (it leaves). */
  readonly halfClose?: boolean;
}

const WS = { Upgrade: 'websocket', Connection: 'Upgrade', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==' };

export const MALFORMED_CORPUS: readonly CorpusEntry[] = [
  // The request that killed the kiosk (issue 8, finding 1): a URL that does not parse, on an upgrade.
  { name: 'upgrade to //[ (new WebSocket("ws://127.0.0.1:PORT//["))', bytes: ({ host }) => httpRequest('GET', '//[', { Host: host, ...WS }), expect: 400 },
  { name: 'upgrade to //[ with the events path after it', bytes: ({ host }) => httpRequest('GET', '//[/api/events', { Host: host, ...WS }), expect: 400 },
  { name: 'GET //[ without upgrade', bytes: ({ host }) => httpRequest('GET', '//[', { Host: host }), expect: 400 },
  { name: 'upgrade to http://[::1 (absolute form that does not parse)', bytes: ({ host }) => httpRequest('GET', 'http://[::1', { Host: host, ...WS }), expect: 400 },
  { name: 'GET //evil.example/ (scheme-relative target)', bytes: ({ host }) => httpRequest('GET', '//evil.example/', { Host: host }), expect: 400 },
  { name: 'absolute-form target', bytes: ({ host }) => httpRequest('GET', 'http://evil.example/index.html', { Host: host }), expect: 400 },
  { name: 'asterisk-form target', bytes: ({ host }) => httpRequest('OPTIONS', '*', { Host: host }), expect: 400 },
  // Malformed % escapes (finding 6: answered 500).
  { name: 'truncated % escape in a static path', bytes: ({ host }) => httpRequest('GET', '/assets/%E0%A4%A', { Host: host }), expect: 400 },
  { name: '% followed by non-hex', bytes: ({ host }) => httpRequest('GET', '/%zz', { Host: host }), expect: 400 },
  { name: 'lone %', bytes: ({ host }) => httpRequest('GET', '/index.html%', { Host: host }), expect: 400 },
  { name: 'encoded backslash traversal', bytes: ({ host }) => httpRequest('GET', '/..%5c..%5cetc%5cpasswd', { Host: host }), expect: 400 },
  { name: 'encoded NUL', bytes: ({ host }) => httpRequest('GET', '/index.html%00.png', { Host: host }), expect: 400 },
  { name: 'encoded slash traversal', bytes: ({ host }) => httpRequest('GET', '/..%2f..%2f..%2fetc%2fpasswd', { Host: host }), expect: 404 },
  { name: 'dot-dot traversal', bytes: ({ host }) => httpRequest('GET', '/%2e%2e/%2e%2e/etc/passwd', { Host: host }), expect: 404 },
  { name: 'upgrade with a malformed % escape in the path', bytes: ({ host, token }) => httpRequest('GET', '/api/ev%ZZents', { Host: host, ...WS, 'Sec-WebSocket-Protocol': `adm-kiosk, adm-kiosk-token.${token}` }), expect: 404 },
  { name: 'upgrade with a malformed % escape in the query', bytes: ({ host }) => httpRequest('GET', '/api/events?token=%E0%A4%A', { Host: host, ...WS }), expect: 401 },
  // Request lines and versions.
  { name: 'garbage request line', bytes: () => 'GARBAGE\r\n\r\n', expect: 400 },
  { name: 'HTTP/0.9 request (no Host)', bytes: () => 'GET /\r\n\r\n', expect: [400, 421] },
  { name: 'HTTP/9.9', bytes: ({ host }) => `GET / HTTP/9.9\r\nHost: ${host}\r\n\r\n`, expect: [400, 505] },
  { name: 'raw NUL in the target', bytes: ({ host }) => `GET /\0 HTTP/1.1\r\nHost: ${host}\r\n\r\n`, expect: 400 },
  { name: 'raw non-ASCII bytes in the target', bytes: ({ host }) => Buffer.concat([Buffer.from('GET /'), Buffer.from([0xc3, 0xbc, 0xff]), Buffer.from(` HTTP/1.1\r\nHost: ${host}\r\n\r\n`)]), expect: 400 },
  { name: 'CONNECT', bytes: () => 'CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: 127.0.0.1:22\r\n\r\n', expect: [400, 'none'], halfClose: true },
  { name: 'unknown method on the UI', bytes: ({ host }) => httpRequest('BREW', '/', { Host: host }), expect: [400, 405] },
  { name: 'DELETE on the UI', bytes: ({ host }) => httpRequest('DELETE', '/index.html', { Host: host }), expect: 405 },
  // Headers.
  { name: 'missing Host', bytes: () => 'GET / HTTP/1.1\r\n\r\n', expect: 400 },
  { name: 'Host of another site (DNS rebinding)', bytes: () => httpRequest('GET', '/', { Host: 'evil.example' }), expect: 421 },
  { name: 'empty Host', bytes: () => 'GET / HTTP/1.1\r\nHost: \r\n\r\n', expect: [400, 421] },
  { name: 'huge header (64 KiB)', bytes: ({ host }) => httpRequest('GET', '/', { Host: host, 'X-Big': 'a'.repeat(64 * 1024) }), expect: 431 },
  { name: 'thousands of small headers', bytes: ({ host }) => `GET / HTTP/1.1\r\nHost: ${host}\r\n${'X-A: b\r\n'.repeat(5000)}\r\n`, expect: 431 },
  { name: 'header without a colon', bytes: ({ host }) => `GET / HTTP/1.1\r\nHost: ${host}\r\nNoColonHere\r\n\r\n`, expect: 400 },
  { name: 'header name with a space', bytes: ({ host }) => `GET / HTTP/1.1\r\nHost: ${host}\r\nBad Name: x\r\n\r\n`, expect: 400 },
  { name: 'bare LF line endings and obs-fold', bytes: ({ host }) => `GET / HTTP/1.1\nHost: ${host}\nX-A: a\n  folded\n\n`, expect: [200, 400] },
  // Bodies.
  { name: 'Content-Length and Transfer-Encoding together (smuggling)', bytes: ({ host, token }) => `POST /api/getSession HTTP/1.1\r\nHost: ${host}\r\nx-kiosk-token: ${token}\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`, expect: 400 },
  { name: 'negative Content-Length', bytes: ({ host, token }) => `POST /api/getSession HTTP/1.1\r\nHost: ${host}\r\nx-kiosk-token: ${token}\r\nContent-Length: -1\r\n\r\n`, expect: 400 },
  { name: 'two different Content-Lengths', bytes: ({ host, token }) => `POST /api/getSession HTTP/1.1\r\nHost: ${host}\r\nx-kiosk-token: ${token}\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}`, expect: 400 },
  { name: 'malformed chunk size', bytes: ({ host, token }) => `POST /api/getSession HTTP/1.1\r\nHost: ${host}\r\nx-kiosk-token: ${token}\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`, expect: 400 },
  { name: 'body cut short (client leaves)', bytes: ({ host, token }) => `POST /api/getSession HTTP/1.1\r\nHost: ${host}\r\nx-kiosk-token: ${token}\r\nContent-Length: 100\r\n\r\n{"a":`, expect: [400, 'none'], halfClose: true },
  { name: 'body over the cap', bytes: ({ host, token }) => httpRequest('POST', '/api/getSession', { Host: host, 'x-kiosk-token': token }, `{"x":"${'a'.repeat(200 * 1024)}"}`), expect: 413 },
  { name: 'body that is not JSON', bytes: ({ host, token }) => httpRequest('POST', '/api/getSession', { Host: host, 'x-kiosk-token': token }, '{nope'), expect: 400 },
  { name: 'API call without the token', bytes: ({ host }) => httpRequest('POST', '/api/getSession', { Host: host }, '{}'), expect: 401 },
  { name: 'API call from another web page', bytes: ({ host, token }) => httpRequest('POST', '/api/getSession', { Host: host, Origin: 'http://evil.example', 'x-kiosk-token': token }, '{}'), expect: 403 },
  { name: 'API GET', bytes: ({ host, token }) => httpRequest('GET', '/api/getSession', { Host: host, 'x-kiosk-token': token }), expect: 405 },
  { name: 'Expect: 100-continue without the token', bytes: ({ host }) => `POST /api/endSession HTTP/1.1\r\nHost: ${host}\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n`, expect: 401 },
  // Upgrades.
  { name: 'upgrade without the token', bytes: ({ host }) => httpRequest('GET', '/api/events', { Host: host, ...WS, 'Sec-WebSocket-Protocol': 'adm-kiosk' }), expect: 401 },
  { name: 'upgrade with the token in the query (the old way)', bytes: ({ host, token }) => httpRequest('GET', `/api/events?token=${token}`, { Host: host, ...WS }), expect: 401 },
  { name: 'upgrade from another web page', bytes: ({ host, token }) => httpRequest('GET', '/api/events', { Host: host, Origin: 'http://evil.example', ...WS, 'Sec-WebSocket-Protocol': `adm-kiosk, adm-kiosk-token.${token}` }), expect: 403 },
  { name: 'upgrade with the Host of another site', bytes: ({ token }) => httpRequest('GET', '/api/events', { Host: 'evil.example', ...WS, 'Sec-WebSocket-Protocol': `adm-kiosk, adm-kiosk-token.${token}` }), expect: 421 },
  { name: 'upgrade without Host', bytes: ({ token }) => `GET /api/events HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Protocol: adm-kiosk, adm-kiosk-token.${token}\r\n\r\n`, expect: [400, 421] },
  { name: 'upgrade to a static path', bytes: ({ host }) => httpRequest('GET', '/index.html', { Host: host, ...WS }), expect: 404 },
  { name: 'h2c upgrade', bytes: ({ host }) => httpRequest('GET', '/', { Host: host, Upgrade: 'h2c', Connection: 'Upgrade, HTTP2-Settings', 'HTTP2-Settings': 'AAMAAABkAARAAAAAAAIAAAAA' }), expect: 404 },
  { name: 'upgrade with POST', bytes: ({ host, token }) => httpRequest('POST', '/api/events', { Host: host, ...WS, 'Sec-WebSocket-Protocol': `adm-kiosk, adm-kiosk-token.${token}` }), expect: 400 },
  { name: 'upgrade with a bad key', bytes: ({ host, token }) => httpRequest('GET', '/api/events', { Host: host, ...WS, 'Sec-WebSocket-Key': 'short', 'Sec-WebSocket-Protocol': `adm-kiosk, adm-kiosk-token.${token}` }), expect: 400 },
  { name: 'upgrade with a bad version', bytes: ({ host, token }) => httpRequest('GET', '/api/events', { Host: host, ...WS, 'Sec-WebSocket-Version': '99', 'Sec-WebSocket-Protocol': `adm-kiosk, adm-kiosk-token.${token}` }), expect: 400 },
  { name: 'upgrade with a subprotocol list that does not parse', bytes: ({ host, token }) => httpRequest('GET', '/api/events', { Host: host, ...WS, 'Sec-WebSocket-Protocol': `adm-kiosk, adm-kiosk-token.${token}, "bad value"` }), expect: 400 },
  { name: 'upgrade to an unknown mount', bytes: ({ host, token }) => httpRequest('GET', '/nope/events', { Host: host, ...WS, 'Sec-WebSocket-Protocol': `adm-kiosk, adm-kiosk-token.${token}` }), expect: 404 },
  { name: 'upgrade: websocket with the token, then frames that break the protocol', bytes: ({ host, token }) => Buffer.concat([Buffer.from(httpRequest('GET', '/api/events', { Host: host, ...WS, 'Sec-WebSocket-Protocol': `adm-kiosk, adm-kiosk-token.${token}` })), Buffer.from([0x8f, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00, 0x01, 0x02])]), expect: 101 },
  // Bootstrap.
  { name: 'bootstrap with a guessed nonce', bytes: ({ host, origin }) => httpRequest('POST', '/bootstrap', { Host: host, Origin: origin }, '{"nonce":"guess"}'), expect: 403 },
  { name: 'bootstrap from another web page', bytes: ({ host }) => httpRequest('POST', '/bootstrap', { Host: host, Origin: 'http://evil.example' }, '{"nonce":"guess"}'), expect: 403 },
  { name: 'bootstrap with a body that is not JSON', bytes: ({ host, origin }) => httpRequest('POST', '/bootstrap', { Host: host, Origin: origin }, '{{'), expect: 400 },
];

/** Three requests in one write (pipelining): the UI, an API call, and a bad escape; answered in order. */
export function pipelined(ctx: { host: string; token: string }): string {
  return [
    httpRequest('GET', '/', { Host: ctx.host, Connection: 'keep-alive' }),
    httpRequest('POST', '/api/getSession', { Host: ctx.host, Connection: 'keep-alive', 'x-kiosk-token': ctx.token }, '{}'),
    httpRequest('GET', '/%zz', { Host: ctx.host, Connection: 'close' }),
  ].join('');
}

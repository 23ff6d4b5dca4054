import { isIP } from 'node:net';
import { connect } from 'node:tls';

/** The server certificate an https registry presents, for the technician's diagnostics. */
export interface ServerCertificate {
  /** ISO 8601 of notAfter. */
  readonly validTo: string;
  /** Whole days until it expires (negative once expired). */
  readonly daysLeft: number;
  readonly subject?: string;
  readonly issuer?: string;
}

/**
 * Connects to `url`'s host with TLS and reads its certificate without sending a request. The
 * certificate is read even when the chain does not verify (diagnostics wants to show an expired
 * one); whether the kiosk trusts it is the registry call's business. Null for plain http.
 */
export function readServerCertificate(url: URL, now: number, timeoutMs = 5000): Promise<ServerCertificate | null> {
  if (url.protocol !== 'https:') return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: url.hostname, port: url.port === '' ? 443 : Number(url.port), ...(isIP(url.hostname) === 0 ? { servername: url.hostname } : {}), rejectUnauthorized: false, timeout: timeoutMs });
    const fail = (error: Error) => {
      socket.destroy();
      reject(error);
    };
    socket.once('timeout', () => fail(new Error(`no TLS handshake within ${timeoutMs} ms`)));
    socket.once('error', fail);
    socket.once('secureConnect', () => {
      const certificate = socket.getPeerCertificate();
      socket.end();
      if (certificate === null || typeof certificate.valid_to !== 'string' || certificate.valid_to === '') {
        reject(new Error('the server presented no certificate'));
        return;
      }
      const validTo = new Date(certificate.valid_to);
      const name = (part: Readonly<Record<string, string | string[] | undefined>> | undefined, key: string) => {
        const value = part?.[key];
        return Array.isArray(value) ? value.join(', ') : value;
      };
      const subject = name(certificate.subject, 'CN');
      const issuer = name(certificate.issuer, 'O') ?? name(certificate.issuer, 'CN');
      resolve({
        validTo: validTo.toISOString(),
        daysLeft: Math.floor((validTo.getTime() - now) / 86_400_000),
        ...(subject === undefined ? {} : { subject }),
        ...(issuer === undefined ? {} : { issuer }),
      });
    });
  });
}

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { KeyObject } from 'node:crypto';
import { systemClock, type Clock } from '../core/clock.ts';
import { KioskError, type ErrorCode } from '../core/errors.ts';
import type { DemoRegistry } from './demo-registry.ts';
import { registryApi, responseValidator, type Operation } from './registry-api.ts';
import type { ErrorBody, RedeemRequest, ReleaseRequest } from './registry-api.types.ts';
import { NONCE_KEEP_MS, verifyRequest, type RefusalReason } from './request-signing.ts';

/**
 * The demo registry over HTTP (`adm-kiosk registry serve`): the API of registry-api.yaml,
 * routed and validated from that document, every request authenticated (request-signing.ts),
 * answered by a DemoRegistry whose state is the SQLite file in the data folder. Its own answers
 * are validated against the document too (a bug here is a 500, never a wrong answer). The
 * access log has the operation, status and time, never a path (it holds a NIK) or a body.
 */
export const API_BASE = '/v1';
const MAX_BODY_BYTES = 16 * 1024;

export interface RegistryServerOptions {
  readonly registry: DemoRegistry;
  /** Kiosk id to its Ed25519 public key (loadKioskList). */
  readonly kiosks: ReadonlyMap<string, KeyObject>;
  readonly port?: number;
  readonly host?: string;
  readonly clock?: Clock;
  /** One line per request (no personal data); default: nothing. */
  readonly log?: (line: string) => void;
}

export interface RegistryServer {
  /** Base URL of the API, e.g. http://127.0.0.1:8787/v1 (what a kiosk's registry.url names). */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** HTTP status of each refusal code. */
const STATUS: Partial<Record<ErrorCode, number>> = {
  RESIDENT_NOT_FOUND: 404,
  CARD_MISMATCH: 403,
  DOCUMENT_NOT_FOUND: 404,
  PIN_INVALID: 422,
  PIN_USED: 409,
  PIN_LOCKED: 423,
  AUTHORIZATION_NOT_FOUND: 409,
  API_INPUT_INVALID: 400,
  API_METHOD_UNKNOWN: 404,
  REGISTRY_AUTH_FAILED: 401,
  REGISTRY_UNAVAILABLE: 503,
};

type WireCode = ErrorBody['error']['code'];
const WIRE_CODES: ReadonlySet<string> = new Set(['RESIDENT_NOT_FOUND', 'CARD_MISMATCH', 'DOCUMENT_NOT_FOUND', 'PIN_INVALID', 'PIN_USED', 'PIN_LOCKED', 'AUTHORIZATION_NOT_FOUND', 'API_INPUT_INVALID', 'REGISTRY_AUTH_FAILED', 'REGISTRY_UNAVAILABLE', 'API_METHOD_UNKNOWN']);

class HttpRefusal extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
  ) {
    super(body.error.message);
  }
}

function refusal(code: WireCode, message: string, hint?: string, extra: { reason?: RefusalReason } = {}): HttpRefusal {
  return new HttpRefusal(STATUS[code] ?? 400, { error: { code, message, ...(hint === undefined ? {} : { hint }), ...extra } });
}

function fromKioskError(error: KioskError): HttpRefusal {
  const code: WireCode = WIRE_CODES.has(error.code) ? (error.code as WireCode) : 'REGISTRY_UNAVAILABLE';
  const details = error.details === undefined ? undefined : Object.fromEntries(Object.entries(error.details).filter(([, v]) => v !== undefined));
  return new HttpRefusal(STATUS[code] ?? 500, {
    error: { code, message: error.message, ...(error.hint === undefined ? {} : { hint: error.hint }), ...(details === undefined ? {} : { details }) },
  });
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(refusal('API_INPUT_INVALID', `The request body is larger than ${MAX_BODY_BYTES} bytes.`));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

export async function startRegistryServer(options: RegistryServerOptions): Promise<RegistryServer> {
  const api = registryApi();
  const clock = options.clock ?? systemClock;
  const registry = options.registry;

  const authenticate = (request: IncomingMessage, pathWithQuery: string, body: Buffer): void => {
    const verdict = verifyRequest(request.headers, { method: request.method ?? 'GET', pathWithQuery, body }, { keys: options.kiosks, now: clock.now(), freshNonce: (kioskId, nonce) => registry.rememberNonce(kioskId, nonce, NONCE_KEEP_MS) });
    if (!verdict.ok) throw refusal('REGISTRY_AUTH_FAILED', verdict.message, 'Enrol this kiosk at the registry with the public key "adm-kiosk registry key" prints, and keep the kiosk clock synchronised (NTP).', { reason: verdict.reason });
  };

  const parseInput = (operation: Operation, request: IncomingMessage, params: Record<string, string>, body: Buffer): unknown => {
    const problems: string[] = [];
    for (const [name, validate] of Object.entries(operation.pathParams)) if (!validate(params[name])) problems.push(`path parameter ${name}`);
    for (const [name, validate] of Object.entries(operation.headers)) if (!validate(request.headers[name.toLowerCase()])) problems.push(`header ${name}`);
    let json: unknown;
    if (operation.body !== null) {
      try {
        json = JSON.parse(body.toString('utf8'));
      } catch {
        throw refusal('API_INPUT_INVALID', 'The request body is not JSON.');
      }
      if (!operation.body(json)) problems.push(...operation.body.problems().map((p) => `body ${p}`));
    } else if (body.length > 0) problems.push('a body where none is expected');
    if (problems.length > 0) throw refusal('API_INPUT_INVALID', `The request does not match the registry API: ${problems.join('; ')}.`, 'Send what registry-api.yaml describes.');
    return json;
  };

  const handle = async (operation: Operation, request: IncomingMessage, params: Record<string, string>, input: unknown): Promise<unknown> => {
    switch (operation.operationId) {
      case 'getStatus':
        return { status: 'ok', serverTime: new Date(clock.now()).toISOString() };
      case 'getResident': {
        const record = registry.residentRecord(params['nik'] ?? '', String(request.headers['x-adm-card-uid']));
        return { resident: record.resident.person, family: record.resident.family, documents: record.documents.map((d) => ({ document: d.document, status: d.status, pinLength: d.pinLength, ...(d.lockedUntil === null ? {} : { lockedUntil: d.lockedUntil }) })) };
      }
      case 'redeemPrintAuthorization': {
        const body = input as RedeemRequest;
        const authorization = await registry.redeemPin({ requestId: body.requestId, nik: body.nik, documentId: params['documentId'] ?? '', pin: body.pin });
        return { authorizationId: authorization.authorizationId, document: authorization.input.document, family: authorization.input.family };
      }
      case 'confirmPrintAuthorization':
        await registry.confirmPrint(params['authorizationId'] ?? '');
        return { authorizationId: params['authorizationId'], state: 'confirmed' };
      case 'releasePrintAuthorization':
        await registry.releasePrint(params['authorizationId'] ?? '', (input as ReleaseRequest).reason);
        return { authorizationId: params['authorizationId'], state: 'released' };
      case 'getRedeemRequest':
        return { authorization: await registry.findAuthorization(params['requestId'] ?? '') };
      default:
        throw refusal('API_METHOD_UNKNOWN', `The demo registry does not implement ${operation.operationId}.`);
    }
  };

  const send = (response: ServerResponse, status: number, payload: unknown): void => {
    const text = JSON.stringify(payload);
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
    response.end(text);
  };

  const server: Server = createServer((request, response) => {
    const started = performance.now();
    let operationId = '-';
    const answer = (status: number, payload: unknown) => {
      send(response, status, payload);
      options.log?.(`registry ${request.method ?? '?'} ${operationId} ${status} ${(performance.now() - started).toFixed(1)} ms`);
    };
    (async () => {
      const body = await readBody(request);
      const target = request.url ?? '/';
      const url = new URL(target, 'http://registry.invalid');
      authenticate(request, target, body);
      if (!url.pathname.startsWith(`${API_BASE}/`)) throw refusal('API_METHOD_UNKNOWN', 'There is no such registry API path.', `The API is under ${API_BASE}.`);
      const routed = api.route(request.method ?? 'GET', url.pathname.slice(API_BASE.length));
      if (routed === null) throw refusal('API_METHOD_UNKNOWN', 'There is no such registry API operation.', 'See registry-api.yaml.');
      operationId = routed.operation.operationId;
      const input = parseInput(routed.operation, request, routed.params, body);
      const payload = await handle(routed.operation, request, routed.params, input);
      const check = responseValidator(routed.operation, 200);
      if (check !== null && !check(payload)) {
        throw new KioskError('INTERNAL', `The demo registry's answer to ${operationId} does not match registry-api.yaml: ${check.problems().join('; ')}.`);
      }
      answer(200, payload);
    })().catch((error: unknown) => {
      if (error instanceof HttpRefusal) return answer(error.status, error.body);
      if (error instanceof KioskError && error.code !== 'INTERNAL') {
        const mapped = fromKioskError(error);
        return answer(mapped.status, mapped.body);
      }
      options.log?.(`registry ${operationId}: internal error ${error instanceof Error ? error.name : typeof error}${error instanceof KioskError ? `: ${error.message}` : ''}`);
      answer(500, { error: { code: 'REGISTRY_UNAVAILABLE', message: 'The registry failed to answer this request.', hint: 'Try again; the registry log has the details.' } });
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port, address } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}${API_BASE}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

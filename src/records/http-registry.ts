import type { KeyObject } from 'node:crypto';
import { systemClock, type Clock } from '../core/clock.ts';
import { KioskError, type ErrorCode, type ErrorData } from '../core/errors.ts';
import { CircuitBreaker } from './circuit-breaker.ts';
import type { AuthorizationRecord, PrintAuthorization, RedeemRequest, Registry, RegistryDiagnosis, ResidentLookup } from './contract.ts';
import { checkAuthorization, checkClosed, checkRedeemRecord, checkResidentRecord, responseInvalid } from './http-registry-checks.ts';
import { registryApi, responseValidator } from './registry-api.ts';
import type { Authorization, ClosedAuthorization, ErrorBody, RedeemRequestRecord, ResidentRecord } from './registry-api.types.ts';
import { signRequest } from './request-signing.ts';
import { readServerCertificate } from './tls-certificate.ts';

/**
 * The Registry contract over HTTP, for Dukcapil's registry or `adm-kiosk registry serve`
 * (registry-api.yaml). Every call:
 * - is signed with the kiosk's Ed25519 key (request-signing.ts);
 * - has a timeout (`timeoutMs`, for the whole attempt: connect, headers and body);
 * - is retried with exponential backoff and jitter on no answer, a timeout, a 5xx or a 429.
 *   That is safe for every operation of this API: reads change nothing, a redeem repeats its
 *   request id (the registry answers a repeat with the same authorization or refusal), and
 *   confirm and release are idempotent. A refusal (4xx) is never retried;
 * - goes through a circuit breaker: a dead registry, or one that refuses this kiosk, makes
 *   every call fail at once and is reported to the health monitor (`onReachability`) at once;
 *   a probe (GET /status) brings it back by itself;
 * - has its answer validated against the document's schema, then checked by the kiosk (the
 *   record asked for, real numbers, entitlements: http-registry-checks.ts). A malformed or
 *   surprising answer is REGISTRY_RESPONSE_INVALID, reported without personal data; nothing
 *   of it is used.
 */
export interface HttpRegistryOptions {
  /** Base URL of the API, e.g. `https://registry.example/v1` or `http://127.0.0.1:8787/v1`. */
  readonly url: string;
  readonly kioskId: string;
  readonly privateKey: KeyObject;
  readonly clock?: Clock;
  /** Per attempt (default 5000 ms). */
  readonly timeoutMs?: number;
  /** Extra attempts after a failed one (default 2). */
  readonly retries?: number;
  /** First backoff (default 200 ms; doubled per attempt, with jitter). */
  readonly backoffMs?: number;
  /** Failed attempts in a row that open the breaker (default 3), and how long it stays open (default 10 s). */
  readonly breaker?: { readonly failureThreshold?: number; readonly cooldownMs?: number };
  /** How often `start()` probes a reachable registry (default 30 s); an unreachable one is probed every cooldown. */
  readonly probeEveryMs?: number;
  /** Where invalid answers and reachability changes are reported (the application log); never personal data. */
  readonly report?: (context: string, error: unknown) => void;
  readonly sleep?: (ms: number) => Promise<void>;
}

type OperationId = 'getStatus' | 'getResident' | 'redeemPrintAuthorization' | 'confirmPrintAuthorization' | 'releasePrintAuthorization' | 'getRedeemRequest';

/** Refusal codes each operation may answer with; any other is an answer the kiosk cannot trust. */
const REFUSALS: Readonly<Record<OperationId, readonly ErrorCode[]>> = {
  getStatus: [],
  getResident: ['RESIDENT_NOT_FOUND', 'CARD_MISMATCH'],
  redeemPrintAuthorization: ['RESIDENT_NOT_FOUND', 'DOCUMENT_NOT_FOUND', 'PIN_INVALID', 'PIN_USED', 'PIN_LOCKED', 'AUTHORIZATION_NOT_FOUND', 'API_INPUT_INVALID'],
  confirmPrintAuthorization: ['AUTHORIZATION_NOT_FOUND'],
  releasePrintAuthorization: ['AUTHORIZATION_NOT_FOUND'],
  getRedeemRequest: ['API_INPUT_INVALID'],
};

/** Retried: the registry may answer next time. */
class Transient extends Error {
  constructor(
    readonly problem: KioskError,
    readonly retryable = true,
  ) {
    super(problem.message);
  }
}

function unavailable(message: string, cause?: unknown): KioskError {
  return new KioskError('REGISTRY_UNAVAILABLE', message, { hint: 'Check the network and the registry; the kiosk tries again by itself.', ...(cause === undefined ? {} : { cause }) });
}

/** A remote message, with anything that looks like a NIK or No. KK masked. */
function clean(text: string): string {
  return text.replace(/\d{16}/g, (digits) => `${digits.slice(0, 4)}********${digits.slice(12)}`).slice(0, 300);
}

export class HttpRegistry implements Registry {
  readonly kind = 'http' as const;
  private readonly api = registryApi();
  private readonly base: string;
  private readonly clock: Clock;
  private readonly breaker: CircuitBreaker;
  private readonly listeners = new Set<(problem: ErrorData | null) => void>();
  private probeTimer: ReturnType<typeof setTimeout> | null = null;
  private probing: Promise<void> | null = null;
  private running = false;

  constructor(private readonly options: HttpRegistryOptions) {
    // Node's fetch keeps a PerformanceResourceTiming naming the URL of each request (up to
    // 250, added after the answer is read), and a look-up's URL holds the NIK
    // (/residents/{nik}): the process keeps none, so the resident leaves the kiosk's memory
    // with the session (test/faults/privacy.test.ts).
    performance.setResourceTimingBufferSize(0);
    this.base = options.url.replace(/\/+$/, '');
    this.clock = options.clock ?? systemClock;
    this.breaker = new CircuitBreaker({
      failureThreshold: options.breaker?.failureThreshold ?? 3,
      cooldownMs: options.breaker?.cooldownMs ?? 10_000,
      clock: this.clock,
      onChange: (problem) => {
        this.options.report?.('registry reachability', problem === null ? { code: 'REGISTRY_UNAVAILABLE', message: 'The registry answers again.' } : problem);
        for (const listener of this.listeners) listener(problem);
        if (this.running) this.scheduleProbe();
      },
    });
  }

  /** Whether the registry is reachable: null, or why not. */
  reachability(): ErrorData | null {
    return this.breaker.problem;
  }

  /** Told at once when the registry becomes unreachable (why) or reachable again (null). */
  onReachability(listener: (problem: ErrorData | null) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Probes now, then every `probeEveryMs` (every cooldown while unreachable), until `close()`. */
  start(): void {
    this.running = true;
    this.probeNow().catch(() => undefined);
  }

  async close(): Promise<void> {
    this.running = false;
    if (this.probeTimer !== null) clearTimeout(this.probeTimer);
    this.probeTimer = null;
    await this.probing;
  }

  /** One GET /status; never rejects (the breaker and the listeners learn the outcome). */
  probeNow(): Promise<void> {
    this.probing ??= this.call<unknown>('getStatus', {}, { retry: false, probe: true })
      .then(
        () => undefined,
        () => undefined,
      )
      .finally(() => {
        this.probing = null;
        if (this.running) this.scheduleProbe();
      });
    return this.probing;
  }

  /**
   * For the technician: one GET /status straight to the registry (past the circuit breaker, so
   * an open breaker does not hide a registry that is back), its latency, the server
   * certificate (https) and whether the registry accepts this kiosk's key (Ed25519 keys do not
   * expire: `ok` or `rejected`). Never rejects: a problem is the result.
   */
  async diagnose(): Promise<RegistryDiagnosis> {
    const url = new URL(this.base);
    const endpoint = `${url.origin}${url.pathname === '/' ? '' : url.pathname}`;
    const tls = await readServerCertificate(url, this.clock.now(), this.options.timeoutMs ?? 5000).catch(() => null);
    const started = performance.now();
    try {
      await this.attempt<unknown>('getStatus', this.api.operation('getStatus').path, {});
      return { endpoint, reachable: true, latencyMs: Math.round(performance.now() - started), tls, credential: { status: 'ok', expiresAt: null } };
    } catch (error) {
      const problem = error instanceof Transient ? error.problem : error instanceof KioskError ? error : unavailable('The registry could not be asked.', error);
      const rejected = problem.code === 'REGISTRY_AUTH_FAILED';
      return {
        endpoint,
        reachable: rejected,
        latencyMs: rejected ? Math.round(performance.now() - started) : null,
        error: problem.toErrorData(),
        tls,
        credential: { status: rejected ? 'rejected' : 'ok', expiresAt: null },
      };
    }
  }

  async lookupResident(nik: string, cardUid: string): Promise<ResidentLookup> {
    const record = await this.call<ResidentRecord>('getResident', { params: { nik }, headers: { 'x-adm-card-uid': cardUid.trim().toUpperCase() } });
    return this.checked('lookup resident', () => checkResidentRecord(nik, record));
  }

  async redeemPin(request: RedeemRequest): Promise<PrintAuthorization> {
    const answer = await this.call<Authorization>('redeemPrintAuthorization', {
      params: { documentId: request.documentId },
      body: { requestId: request.requestId, nik: request.nik, pin: request.pin },
    });
    return this.checked('redeem PIN', () => checkAuthorization(request.nik, request.documentId, answer));
  }

  async confirmPrint(authorizationId: string): Promise<void> {
    const answer = await this.call<ClosedAuthorization>('confirmPrintAuthorization', { params: { authorizationId } });
    this.checked('confirm print', () => checkClosed(authorizationId, 'confirmed', answer));
  }

  async releasePrint(authorizationId: string, reason: string): Promise<void> {
    const answer = await this.call<ClosedAuthorization>('releasePrintAuthorization', { params: { authorizationId }, body: { reason: reason.slice(0, 200) } });
    this.checked('release print', () => checkClosed(authorizationId, 'released', answer));
  }

  async findAuthorization(requestId: string): Promise<AuthorizationRecord | null> {
    const answer = await this.call<RedeemRequestRecord>('getRedeemRequest', { params: { requestId } });
    return checkRedeemRecord(answer);
  }

  // ---- plumbing -------------------------------------------------------------------------

  private checked<T>(context: string, check: () => T): T {
    try {
      return check();
    } catch (error) {
      this.options.report?.(`registry answer to ${context}`, error);
      throw error;
    }
  }

  private scheduleProbe(): void {
    if (this.probeTimer !== null) clearTimeout(this.probeTimer);
    const delay = this.breaker.state === 'closed' ? (this.options.probeEveryMs ?? 30_000) : Math.max(50, this.breaker.waitMs());
    this.probeTimer = setTimeout(() => {
      this.probeTimer = null;
      this.probeNow().catch(() => undefined);
    }, delay);
    this.probeTimer.unref?.();
  }

  private async call<T>(operationId: OperationId, input: { params?: Record<string, string>; headers?: Record<string, string>; body?: unknown }, how: { retry?: boolean; probe?: boolean } = {}): Promise<T> {
    const operation = this.api.operation(operationId);
    const path = operation.path.replace(/\{(\w+)\}/g, (_whole, name: string) => encodeURIComponent(input.params?.[name] ?? ''));
    const attempts = how.retry === false ? 1 : 1 + (this.options.retries ?? 2);
    let last: KioskError = unavailable('The registry was not asked.');
    for (let attempt = 0; attempt < attempts; attempt += 1) {
      if (!this.breaker.allow()) {
        const why = this.breaker.problem;
        throw why?.code === 'REGISTRY_AUTH_FAILED'
          ? new KioskError('REGISTRY_AUTH_FAILED', why.message, { hint: why.hint ?? '' })
          : unavailable('The registry did not answer the last requests; the kiosk waits a moment before asking again.', last);
      }
      try {
        const result = await this.attempt<T>(operationId, path, input);
        return result;
      } catch (error) {
        if (!(error instanceof Transient)) throw error;
        last = error.problem;
        if (error.problem.code === 'REGISTRY_AUTH_FAILED') this.breaker.trip(error.problem.toErrorData());
        else this.breaker.failure(error.problem.toErrorData());
        if (!error.retryable || attempt + 1 >= attempts) throw error.problem;
        const backoff = (this.options.backoffMs ?? 200) * 2 ** attempt;
        await (this.options.sleep ?? ((ms: number) => new Promise((resolve) => setTimeout(resolve, ms))))(backoff / 2 + Math.random() * (backoff / 2));
      }
    }
    throw last;
  }

  /** One signed request: resolves with the validated 200 body; rejects with a coded refusal, or a Transient. */
  private async attempt<T>(operationId: OperationId, path: string, input: { headers?: Record<string, string>; body?: unknown }): Promise<T> {
    const operation = this.api.operation(operationId);
    const url = new URL(`${this.base}${path}`);
    const body = input.body === undefined ? '' : JSON.stringify(input.body);
    const signed = signRequest(this.options.privateKey, this.options.kioskId, { method: operation.method, pathWithQuery: `${url.pathname}${url.search}`, body }, this.clock.now());
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, {
        method: operation.method,
        headers: { accept: 'application/json', ...(body === '' ? {} : { 'content-type': 'application/json' }), ...signed, ...input.headers },
        ...(body === '' ? {} : { body }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 5000),
        redirect: 'error',
      });
      text = await response.text();
    } catch (cause) {
      const timedOut = cause instanceof Error && (cause.name === 'TimeoutError' || cause.name === 'AbortError');
      throw new Transient(unavailable(timedOut ? `The registry did not answer within ${this.options.timeoutMs ?? 5000} ms.` : 'The registry cannot be reached (no connection).', cause));
    }
    if (response.status >= 500 || response.status === 429) throw new Transient(unavailable(`The registry answered HTTP ${response.status}.`));
    this.breaker.success();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (cause) {
      throw this.invalid(operationId, `the answer (HTTP ${response.status}) is not JSON`, cause);
    }
    const validate = responseValidator(operation, response.status);
    if (validate === null || !validate(json)) {
      throw this.invalid(operationId, `the answer (HTTP ${response.status}) does not match registry-api.yaml: ${validate?.problems().join('; ') ?? 'no schema'}`);
    }
    if (response.status === 200) return json as T;
    const { error } = json as ErrorBody;
    if (error.code === 'REGISTRY_AUTH_FAILED') {
      throw new Transient(new KioskError('REGISTRY_AUTH_FAILED', `The registry refused this kiosk (${error.reason ?? 'no reason given'}).`, { hint: 'Enrol this kiosk\'s key at the registry ("adm-kiosk registry key" prints it) and check that the kiosk clock is right.' }), false);
    }
    if (!(REFUSALS[operationId] as readonly string[]).includes(error.code)) throw this.invalid(operationId, `the registry answered ${error.code}, which ${operationId} does not answer`);
    throw new KioskError(error.code, clean(error.message), {
      ...(error.hint === undefined ? {} : { hint: clean(error.hint) }),
      ...(error.details === undefined ? {} : { details: error.details }),
    });
  }

  private invalid(operationId: string, check: string, cause?: unknown): KioskError {
    const error = responseInvalid(check, cause);
    this.options.report?.(`registry answer to ${operationId}`, error);
    return error;
  }
}

import { randomUUID } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { systemClock, type Clock } from '../core/clock.ts';
import type { DocumentType } from '../core/documents.ts';
import { entitlementOf } from '../core/entitlements.ts';
import { KioskError, toErrorData } from '../core/errors.ts';
import { documentSummarySchema, templateInputSchema, type DocumentSummary, type Family, type Person, type TemplateInput } from '../core/record.ts';
import type { AuthorizationRecord, PrintAuthorization, RedeemRequest, Registry, RegistryDiagnosis, ResidentLookup } from './contract.ts';
import { DEFAULT_DEMO_SEED, generateDemoData, type DemoData, type DemoDocument } from './demo/demo-data.ts';
import { LEGACY_STATE_FILE_NAME } from './demo-state-legacy.ts';
import { DemoStateDb, deleteStateFiles, FRESH_DOCUMENT, LOCKOUT_MS, MAX_PIN_ATTEMPTS, type DocumentState, type RefusalEntry, type StateReader } from './demo-state.ts';

/**
 * The embedded demo registry: the Registry contract over generated demo data, instant and
 * offline. One-time PINs are spent, locked (3 wrong PINs lock a document for 15 minutes) and
 * released exactly as the real registry would; with `stateFile` that state is a SQLite file
 * shared by every process on the data folder (demo-state.ts). `adm-kiosk registry serve`
 * serves this same object over HTTP (registry-server.ts).
 */

export const DEMO_STATE_FILE_NAME = 'demo-registry.sqlite';

/** Where the kiosk, the CLI and `registry serve` keep the demo registry's state inside a data folder. */
export function demoStateFilePath(dataDir: string): string {
  return join(dataDir, DEMO_STATE_FILE_NAME);
}

export interface DemoRegistryOptions {
  /** Seed of the generated data; DEFAULT_DEMO_SEED when omitted. */
  readonly seed?: number;
  /** SQLite file for spent, locked and open PINs; in memory when omitted. A legacy JSON state beside it is imported once. */
  readonly stateFile?: string;
  /** For lockouts (they end by themselves); the system clock when omitted. */
  readonly clock?: Clock;
}

/** 'redeemed': the PIN was accepted and the print is neither confirmed nor released yet. */
export type DemoDocumentStatus = 'ready' | 'printed' | 'locked' | 'redeemed';

export interface DemoCitizenDocument {
  readonly id: string;
  readonly type: DocumentType;
  readonly pin: string;
  readonly status: DemoDocumentStatus;
}

/** A document as the registry server lists it: its status now, its PIN's length, the end of a lock. */
export interface DemoListing {
  readonly document: DemoDocument['document'];
  readonly status: DemoDocumentStatus;
  readonly pinLength: number;
  /** ISO 8601 instant; set only while `status` is `locked`. */
  readonly lockedUntil: string | null;
}

/** A demo resident with an e-KTP, for the CLI and the demo card picker. */
export interface DemoCitizen {
  readonly nik: string;
  readonly noKk: string;
  readonly name: string;
  readonly cardUid: string;
  readonly kabupatenKota: string;
  readonly documents: readonly DemoCitizenDocument[];
}

/** A demo resident: the person, their family record and their card's UID (none under 17). */
export interface DemoResident {
  readonly person: Person;
  readonly family: Family;
  readonly cardUid: string | undefined;
}

/** What a document's state means now: locks end by themselves at `lockedUntil`. */
function statusOf(doc: DocumentState & { readonly open?: boolean }, open: boolean, now: number): DemoDocumentStatus {
  if (doc.printed) return 'printed';
  if (doc.lockedUntil !== null && now < doc.lockedUntil) return 'locked';
  if (open) return 'redeemed';
  return 'ready';
}

function lockedRefusal(lockedUntil: number): Omit<RefusalEntry, 'documentId'> {
  const until = new Date(lockedUntil).toISOString();
  return {
    code: 'PIN_LOCKED',
    message: `This document is locked after ${MAX_PIN_ATTEMPTS} wrong PINs until ${until}.`,
    hint: `Wait until the lock ends (${LOCKOUT_MS / 60_000} minutes after the last wrong PIN), or ask the Dukcapil office for help.`,
    details: { lockedUntil: until },
  };
}

function authorizationNotFound(why = 'There is no open print authorization with this id.'): KioskError {
  return new KioskError('AUTHORIZATION_NOT_FOUND', why, {
    hint: 'It was already closed the other way, or never existed. Choose the document again from the list.',
  });
}

function refusalError(refusal: RefusalEntry): KioskError {
  return new KioskError(refusal.code, refusal.message, { hint: refusal.hint, ...(refusal.details === undefined ? {} : { details: refusal.details }) });
}

function documentNotFound(): KioskError {
  return new KioskError('DOCUMENT_NOT_FOUND', 'There is no print-ready document with this id for this resident.', { hint: 'Choose a document from the list on the screen.' });
}

const PIN_USED_PRINTED = { code: 'PIN_USED', message: 'The PIN for this document has already been used to print it.', hint: 'A PIN prints once. Ask the Dukcapil office for a new authorization to print it again.' } as const;

function requireRequestId(requestId: string): string {
  if (typeof requestId !== 'string' || !/^[A-Za-z0-9._:-]{8,100}$/.test(requestId)) {
    throw new KioskError('API_INPUT_INVALID', 'A redeem request needs a request id of 8 to 100 letters, digits or . _ : -.', {
      hint: 'This is a bug in the kiosk: it must send a fresh UUID with every redeem.',
    });
  }
  return requestId;
}

/** No state yet (no database file): every document fresh, nothing open. */
const EMPTY: StateReader = {
  document: () => FRESH_DOCUMENT,
  authorization: () => undefined,
  authorizationByRequest: () => undefined,
  refusal: () => undefined,
  hasOpenAuthorization: () => false,
  allDocuments: () => new Map(),
};

export class DemoRegistry implements Registry {
  readonly kind = 'demo' as const;
  readonly seed: number;
  /** The state database, when the state is kept on disk. */
  readonly stateFile: string | undefined;
  private readonly data: DemoData;
  private readonly clock: Clock;
  private db: DemoStateDb | null = null;
  private readonly residents = new Map<string, DemoResident>();
  private readonly documents = new Map<string, DemoDocument>();

  constructor(options: DemoRegistryOptions = {}) {
    this.seed = options.seed ?? DEFAULT_DEMO_SEED;
    this.data = generateDemoData(this.seed);
    this.stateFile = options.stateFile;
    this.clock = options.clock ?? systemClock;
    const uids = new Map(this.data.cards.map((c) => [c.nik, c.uid]));
    for (const family of this.data.families) {
      for (const person of family.members) this.residents.set(person.nik, { person, family, cardUid: uids.get(person.nik) });
    }
    for (const doc of this.data.documents) this.documents.set(doc.document.id, doc);
  }

  /**
   * Diagnostics: the demo registry is in-process, so "reachable" means its state (spent and
   * locked PINs, in the data folder) can be read; no TLS, no credential.
   */
  diagnose(): Promise<RegistryDiagnosis> {
    const endpoint = `demo registry (in-process, seed ${this.seed}${this.stateFile === undefined ? '' : `, state in ${this.stateFile}`})`;
    const started = performance.now();
    const credential = { status: 'not-needed', expiresAt: null } as const;
    try {
      this.read(() => true);
      return Promise.resolve({ endpoint, reachable: true, latencyMs: Math.max(0, Math.round(performance.now() - started)), tls: null, credential });
    } catch (error) {
      return Promise.resolve({ endpoint, reachable: false, latencyMs: null, error: toErrorData(error), tls: null, credential });
    }
  }

  lookupResident(nik: string, cardUid: string): Promise<ResidentLookup> {
    return attempt(() => {
      const resident = this.cardholder(nik, cardUid);
      const now = this.clock.now();
      const held = this.heldBy(nik);
      // Ready and locked documents (a lock ends by itself); printed ones and PINs in use are not listed.
      const listed = this.read((state) =>
        held.flatMap((d) => {
          const current = state.document(d.document.id);
          const status = statusOf(current, state.hasOpenAuthorization(d.document.id), now);
          if (status === 'ready') return [this.summary(d, null)];
          if (status === 'locked' && current.lockedUntil !== null) return [this.summary(d, current.lockedUntil)];
          return [];
        }),
      );
      return { nik, name: resident.person.namaLengkap, documents: listed };
    });
  }

  redeemPin(request: RedeemRequest): Promise<PrintAuthorization> {
    return attempt(() => {
      const { nik, documentId, pin } = request;
      const requestId = requireRequestId(request.requestId);
      this.resident(nik);
      const doc = this.documents.get(documentId);
      // Only the holder, and only where the rules allow it: a guessed id of another family is unknown.
      if (doc === undefined || doc.holderNik !== nik) throw documentNotFound();
      const input = this.templateInput(doc);
      if (!entitlementOf(nik, input.document, input.family).ok) throw documentNotFound();
      const now = this.clock.now();
      const outcome = this.state().write((state): { authorizationId: string } | { refusal: RefusalEntry } | { error: KioskError } => {
        // The same request again (a retry after a lost answer): the same answer, nothing counted twice.
        const earlier = state.authorizationByRequest(requestId);
        if (earlier !== undefined) {
          if (earlier.documentId !== documentId) return { error: reusedRequestId() };
          if (earlier.state === 'open') return { authorizationId: earlier.authorizationId };
          if (earlier.state === 'confirmed') return { error: refusalError({ documentId, ...PIN_USED_PRINTED }) };
          return { error: authorizationNotFound('This redeem request was released; a new attempt needs a new request.') };
        }
        const refused = state.refusal(requestId);
        if (refused !== undefined) return refused.documentId === documentId ? { refusal: refused } : { error: reusedRequestId() };
        const refuse = (refusal: Omit<RefusalEntry, 'documentId'>) => {
          const entry: RefusalEntry = { documentId, ...refusal };
          state.addRefusal(requestId, entry);
          return { refusal: entry };
        };
        let current = state.document(documentId);
        if (current.printed) return refuse(PIN_USED_PRINTED);
        if (state.hasOpenAuthorization(documentId)) {
          return refuse({ code: 'PIN_USED', message: 'The PIN for this document is in use by a print that has not finished.', hint: 'Wait for that print to finish or fail, then try again.' });
        }
        if (current.lockedUntil !== null) {
          if (now < current.lockedUntil) return refuse(lockedRefusal(current.lockedUntil));
          current = { ...current, failedAttempts: 0, lockedUntil: null }; // the lock ended by itself
        }
        if (pin !== doc.pin) {
          const failedAttempts = current.failedAttempts + 1;
          if (failedAttempts >= MAX_PIN_ATTEMPTS) {
            const lockedUntil = now + LOCKOUT_MS;
            state.setDocument(documentId, { ...current, failedAttempts, lockedUntil });
            return refuse(lockedRefusal(lockedUntil));
          }
          state.setDocument(documentId, { ...current, failedAttempts });
          const left = MAX_PIN_ATTEMPTS - failedAttempts;
          return refuse({
            code: 'PIN_INVALID',
            message: `The PIN is not correct. ${left} ${left === 1 ? 'attempt' : 'attempts'} left.`,
            hint: 'Enter the 6-digit print PIN you received for this document.',
            details: { attemptsLeft: left },
          });
        }
        const authorizationId = `AUTH-${randomUUID()}`;
        state.setDocument(documentId, { ...current, failedAttempts: 0, lockedUntil: null });
        state.addAuthorization({ authorizationId, documentId, requestId, state: 'open' });
        return { authorizationId };
      });
      if ('error' in outcome) throw outcome.error;
      if ('refusal' in outcome) throw refusalError(outcome.refusal);
      return { authorizationId: outcome.authorizationId, input };
    });
  }

  confirmPrint(authorizationId: string): Promise<void> {
    return attempt(() =>
      this.state().write((state) => {
        const auth = state.authorization(authorizationId);
        if (auth === undefined) throw authorizationNotFound();
        if (auth.state === 'confirmed') return;
        if (auth.state === 'released') throw authorizationNotFound('This print authorization was released; it cannot be confirmed any more.');
        state.setAuthorizationState(authorizationId, 'confirmed');
        state.setDocument(auth.documentId, { ...state.document(auth.documentId), printed: true });
      }),
    );
  }

  releasePrint(authorizationId: string, _reason: string): Promise<void> {
    return attempt(() =>
      this.state().write((state) => {
        const auth = state.authorization(authorizationId);
        if (auth === undefined) throw authorizationNotFound();
        if (auth.state === 'released') return;
        if (auth.state === 'confirmed') throw authorizationNotFound('This print authorization was confirmed (the document was printed); it cannot be released.');
        state.setAuthorizationState(authorizationId, 'released');
      }),
    );
  }

  findAuthorization(requestId: string): Promise<AuthorizationRecord | null> {
    return attempt(() => {
      const found = this.read((state) => state.authorizationByRequest(requireRequestId(requestId)));
      return found === undefined ? null : { authorizationId: found.authorizationId, documentId: found.documentId, state: found.state };
    });
  }

  /** Every demo resident with an e-KTP, with their documents' PINs and status (demo mode only). */
  demoCitizens(): DemoCitizen[] {
    const now = this.clock.now();
    const states = this.read((state) => state.allDocuments());
    return this.data.cards.map((card) => {
      const { person, family } = this.resident(card.nik);
      return {
        nik: card.nik,
        noKk: family.noKk,
        name: person.namaLengkap,
        cardUid: card.uid,
        kabupatenKota: family.address.kabupatenKota,
        documents: this.heldBy(card.nik).map((d) => {
          const state = states.get(d.document.id);
          return { id: d.document.id, type: d.document.type, pin: d.pin, status: statusOf(state ?? FRESH_DOCUMENT, state?.open ?? false, now) };
        }),
      };
    });
  }

  /**
   * Read-only, demo mode only: the TemplateInput of a document held by `nik`, without spending
   * its PIN (for `adm-kiosk render`). With `documentId`, that document; else the first of `type`.
   */
  documentInput(nik: string, type: DocumentType, documentId?: string): TemplateInput {
    this.resident(nik);
    const doc = this.heldBy(nik).find((d) => d.document.type === type && (documentId === undefined || d.document.id === documentId));
    if (doc === undefined) {
      throw new KioskError('DOCUMENT_NOT_FOUND', `This resident holds no ${type} document${documentId === undefined ? '' : ' with this id'}.`, {
        hint: 'Run "adm-kiosk demo citizens" for the documents each demo resident holds.',
      });
    }
    return this.templateInput(doc);
  }

  /**
   * Forgets every spent, locked and open PIN (the legacy JSON file too). Works on a damaged
   * database (it is deleted). True when there was state.
   */
  reset(): boolean {
    let had = false;
    const legacy = this.legacyFile();
    if (legacy !== undefined) {
      for (const file of [legacy, `${legacy}.imported`]) {
        if (existsSync(file)) {
          rmSync(file, { force: true });
          had = true;
        }
      }
    }
    if (this.stateFile !== undefined && !existsSync(this.stateFile)) return had;
    try {
      return this.state().clear() || had;
    } catch (error) {
      if (this.stateFile === undefined || !(error instanceof KioskError)) throw error;
      this.close();
      return deleteStateFiles(this.stateFile) || had;
    }
  }

  /** For the registry server: records a signed request's nonce in the shared state; false when it was seen before. */
  rememberNonce(kioskId: string, nonce: string, keepMs: number): boolean {
    return this.state().rememberNonce(kioskId, nonce, this.clock.now(), keepMs);
  }

  /** Closes the state database (a later call opens it again). */
  close(): void {
    this.db?.close();
    this.db = null;
  }

  // ---- state --------------------------------------------------------------------------

  private legacyFile(): string | undefined {
    return this.stateFile === undefined ? undefined : join(dirname(this.stateFile), LEGACY_STATE_FILE_NAME);
  }

  /** The state database, opened (and created) on first use. */
  private state(): DemoStateDb {
    if (this.db === null) {
      this.db = DemoStateDb.open(this.stateFile ?? ':memory:', this.seed, { legacyJsonFile: this.legacyFile(), now: () => this.clock.now() });
    }
    return this.db;
  }

  /** Reads without creating anything: no database and no legacy file yet means no state yet. */
  private read<T>(step: (state: StateReader) => T): T {
    if (this.db === null && this.stateFile !== undefined && !existsSync(this.stateFile)) {
      const legacy = this.legacyFile();
      if (legacy === undefined || !existsSync(legacy)) return step(EMPTY);
    }
    return this.state().read(step);
  }

  // ---- demo data ----------------------------------------------------------------------

  private resident(nik: string): DemoResident {
    const resident = this.residents.get(nik);
    if (resident === undefined) {
      throw new KioskError('RESIDENT_NOT_FOUND', 'The registry has no resident for this card.', {
        hint: 'Check that the card is an e-KTP issued by Dukcapil, or ask the officer on duty for help.',
      });
    }
    return resident;
  }

  /** The resident whose active card this is: an unknown, replaced or blocked card is CARD_MISMATCH. */
  cardholder(nik: string, cardUid: string): DemoResident {
    const resident = this.resident(nik);
    if (resident.cardUid === undefined || resident.cardUid !== cardUid.trim().toUpperCase()) {
      throw new KioskError('CARD_MISMATCH', 'This card does not match the registry record of its holder.', {
        hint: 'Use your own e-KTP. If it is yours, it may have been replaced: ask the officer on duty.',
      });
    }
    return resident;
  }

  /**
   * What the registry server answers for GET /residents/{nik}: the cardholder, their family
   * record and the documents they may print with each one's status now.
   */
  residentRecord(nik: string, cardUid: string): { resident: DemoResident; documents: DemoListing[] } {
    const resident = this.cardholder(nik, cardUid);
    const now = this.clock.now();
    const held = this.heldBy(nik);
    const documents = this.read((state) =>
      held.map((d): DemoListing => {
        const current = state.document(d.document.id);
        const status = statusOf(current, state.hasOpenAuthorization(d.document.id), now);
        return { document: d.document, status, pinLength: d.pin.length, lockedUntil: status === 'locked' && current.lockedUntil !== null ? new Date(current.lockedUntil).toISOString() : null };
      }),
    );
    return { resident, documents };
  }

  /** The family record a document is about (its subject's). */
  familyOf(doc: DemoDocument): Family {
    return this.resident(doc.document.subjectNik).family;
  }

  /** The documents this resident may print, as the registry lists them: held by them, and within the entitlement rules. */
  heldBy(nik: string): DemoDocument[] {
    return this.data.documents.filter((d) => d.holderNik === nik && entitlementOf(nik, d.document, this.resident(d.document.subjectNik).family).ok);
  }

  private summary(doc: DemoDocument, lockedUntil: number | null): DocumentSummary {
    const subject = this.resident(doc.document.subjectNik).person;
    return documentSummarySchema.parse({
      id: doc.document.id,
      type: doc.document.type,
      subjectName: subject.namaLengkap,
      issuedAt: doc.document.issuedAt,
      pinLength: doc.pin.length,
      lockedUntil: lockedUntil === null ? null : new Date(lockedUntil).toISOString(),
    });
  }

  /** The document with its subject's family: what a template renders. */
  templateInput(doc: DemoDocument): TemplateInput {
    const { family } = this.resident(doc.document.subjectNik);
    const parsed = templateInputSchema.safeParse({ document: doc.document, family });
    if (!parsed.success) {
      throw new KioskError('REGISTRY_RESPONSE_INVALID', 'The demo registry holds a record the kiosk cannot accept.', {
        hint: 'This is a bug in the demo data: report the document id to the developers.',
        cause: parsed.error,
      });
    }
    return parsed.data;
  }
}

function reusedRequestId(): KioskError {
  return new KioskError('API_INPUT_INVALID', 'This redeem request id was already used for another document.', { hint: 'This is a bug in the kiosk: every redeem needs a fresh request id.' });
}

/** Runs a synchronous step as a promise: thrown errors become rejections. */
function attempt<T>(step: () => T): Promise<T> {
  try {
    return Promise.resolve(step());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

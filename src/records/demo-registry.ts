import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { DocumentType } from '../core/documents.ts';
import { KioskError, toErrorData } from '../core/errors.ts';
import { documentSummarySchema, templateInputSchema, type DocumentSummary, type Family, type Person, type TemplateInput } from '../core/record.ts';
import type { AuthorizationRecord, PrintAuthorization, RedeemRequest, Registry, RegistryDiagnosis, ResidentLookup } from './contract.ts';
import { DEFAULT_DEMO_SEED, generateDemoData, type DemoData, type DemoDocument } from './demo/demo-data.ts';
import { FileStateStore, MAX_PIN_ATTEMPTS, MemoryStateStore, type AuthorizationEntry, type DemoState, type DocumentState, type RefusalEntry, type StateStore } from './demo-state.ts';

/**
 * The embedded demo registry: the Registry contract over generated demo data, instant and
 * offline. One-time PINs are spent, locked and released exactly as the real registry
 * would; with `stateFile` that state survives restarts and is shared between processes.
 */

export const DEMO_STATE_FILE_NAME = 'demo-registry-state.json';

/** Where the kiosk and the CLI keep the demo registry's state inside the data folder. */
export function demoStateFilePath(dataDir: string): string {
  return join(dataDir, DEMO_STATE_FILE_NAME);
}

export interface DemoRegistryOptions {
  /** Seed of the generated data; DEFAULT_DEMO_SEED when omitted. */
  readonly seed?: number;
  /** JSON file for spent and locked PINs; in memory when omitted. */
  readonly stateFile?: string;
}

/** 'redeemed': the PIN was accepted and the print is neither confirmed nor released yet. */
export type DemoDocumentStatus = 'ready' | 'printed' | 'locked' | 'redeemed';

export interface DemoCitizenDocument {
  readonly id: string;
  readonly type: DocumentType;
  readonly pin: string;
  readonly status: DemoDocumentStatus;
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

interface Resident {
  readonly person: Person;
  readonly family: Family;
  readonly cardUid: string | undefined;
}

const FRESH: DocumentState = { failedAttempts: 0, printed: false };

function statusOf(state: DemoState, documentId: string): DemoDocumentStatus {
  const doc = state.documents[documentId] ?? FRESH;
  if (doc.printed) return 'printed';
  if (doc.failedAttempts >= MAX_PIN_ATTEMPTS) return 'locked';
  if (Object.values(state.authorizations).some((a) => a.documentId === documentId && a.state === 'open')) return 'redeemed';
  return 'ready';
}

function lockedError(): KioskError {
  return new KioskError('PIN_LOCKED', `This document is locked after ${MAX_PIN_ATTEMPTS} wrong PINs.`, {
    hint: 'Ask the Dukcapil office for a new print authorization for this document.',
  });
}

function authorizationNotFound(why = 'There is no open print authorization with this id.'): KioskError {
  return new KioskError('AUTHORIZATION_NOT_FOUND', why, {
    hint: 'It was already closed the other way, or never existed. Choose the document again from the list.',
  });
}

function refusalError(refusal: RefusalEntry): KioskError {
  return new KioskError(refusal.code, refusal.message, { hint: refusal.hint });
}

function requireRequestId(requestId: string): string {
  if (typeof requestId !== 'string' || !/^[A-Za-z0-9._:-]{8,100}$/.test(requestId)) {
    throw new KioskError('API_INPUT_INVALID', 'A redeem request needs a request id of 8 to 100 letters, digits or . _ : -.', {
      hint: 'This is a bug in the kiosk: it must send a fresh UUID with every redeem.',
    });
  }
  return requestId;
}

export class DemoRegistry implements Registry {
  readonly kind = 'demo' as const;
  readonly seed: number;
  /** The state file, when the state is kept on disk. */
  readonly stateFile: string | undefined;
  private readonly data: DemoData;
  private readonly store: StateStore;
  private readonly residents = new Map<string, Resident>();
  private readonly documents = new Map<string, DemoDocument>();

  constructor(options: DemoRegistryOptions = {}) {
    this.seed = options.seed ?? DEFAULT_DEMO_SEED;
    this.data = generateDemoData(this.seed);
    this.stateFile = options.stateFile;
    this.store = options.stateFile === undefined ? new MemoryStateStore(this.seed) : new FileStateStore(options.stateFile, this.seed);
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
      this.store.read();
      return Promise.resolve({ endpoint, reachable: true, latencyMs: Math.max(0, Math.round(performance.now() - started)), tls: null, credential });
    } catch (error) {
      return Promise.resolve({ endpoint, reachable: false, latencyMs: null, error: toErrorData(error), tls: null, credential });
    }
  }

  lookupResident(nik: string, cardUid: string): Promise<ResidentLookup> {
    return attempt(() => {
      const resident = this.cardholder(nik, cardUid);
      const state = this.store.read();
      const documents = this.heldBy(nik)
        .filter((d) => statusOf(state, d.document.id) === 'ready')
        .map((d) => this.summary(d));
      return { nik, name: resident.person.namaLengkap, documents };
    });
  }

  redeemPin(request: RedeemRequest): Promise<PrintAuthorization> {
    return attempt(() => {
      const { nik, documentId, pin } = request;
      const requestId = requireRequestId(request.requestId);
      this.resident(nik);
      const doc = this.documents.get(documentId);
      if (doc === undefined || doc.holderNik !== nik) {
        throw new KioskError('DOCUMENT_NOT_FOUND', 'There is no print-ready document with this id for this resident.', {
          hint: 'Choose a document from the list on the screen.',
        });
      }
      const input = this.templateInput(doc);
      const state = this.store.read();
      // The same request again (a retry after a lost answer): the same answer, nothing counted twice.
      const earlier = findByRequest(state, requestId);
      if (earlier !== undefined) return { authorizationId: this.repeated(earlier, documentId), input };
      const refused = state.refusals[requestId];
      if (refused !== undefined && refused.documentId === documentId) throw refusalError(refused);
      const refuse = (refusal: Omit<RefusalEntry, 'documentId'>): never => {
        state.refusals[requestId] = { documentId, ...refusal };
        this.store.write(state);
        throw refusalError({ documentId, ...refusal });
      };
      const status = statusOf(state, documentId);
      if (status === 'printed') {
        refuse({ code: 'PIN_USED', message: 'The PIN for this document has already been used to print it.', hint: 'A PIN prints once. Ask the Dukcapil office for a new authorization to print it again.' });
      }
      if (status === 'redeemed') {
        refuse({ code: 'PIN_USED', message: 'The PIN for this document is in use by a print that has not finished.', hint: 'Wait for that print to finish or fail, then try again.' });
      }
      if (status === 'locked') {
        const locked = lockedError();
        refuse({ code: 'PIN_LOCKED', message: locked.message, hint: locked.hint ?? '' });
      }
      const current = state.documents[documentId] ?? FRESH;
      if (pin !== doc.pin) {
        const failedAttempts = current.failedAttempts + 1;
        state.documents[documentId] = { ...current, failedAttempts };
        if (failedAttempts >= MAX_PIN_ATTEMPTS) {
          const locked = lockedError();
          refuse({ code: 'PIN_LOCKED', message: locked.message, hint: locked.hint ?? '' });
        }
        const left = MAX_PIN_ATTEMPTS - failedAttempts;
        refuse({ code: 'PIN_INVALID', message: `The PIN is not correct. ${left} ${left === 1 ? 'attempt' : 'attempts'} left.`, hint: 'Enter the 6-digit print PIN you received for this document.' });
      }
      const authorizationId = `AUTH-${randomUUID()}`;
      state.documents[documentId] = { ...current, failedAttempts: 0 };
      state.authorizations[authorizationId] = { documentId, requestId, state: 'open' };
      this.store.write(state);
      return { authorizationId, input };
    });
  }

  confirmPrint(authorizationId: string): Promise<void> {
    return attempt(() => {
      const state = this.store.read();
      const auth = state.authorizations[authorizationId];
      if (auth === undefined) throw authorizationNotFound();
      if (auth.state === 'confirmed') return;
      if (auth.state === 'released') throw authorizationNotFound('This print authorization was released; it cannot be confirmed any more.');
      state.authorizations[authorizationId] = { ...auth, state: 'confirmed' };
      state.documents[auth.documentId] = { ...(state.documents[auth.documentId] ?? FRESH), printed: true };
      this.store.write(state);
    });
  }

  releasePrint(authorizationId: string, _reason: string): Promise<void> {
    return attempt(() => {
      const state = this.store.read();
      const auth = state.authorizations[authorizationId];
      if (auth === undefined) throw authorizationNotFound();
      if (auth.state === 'released') return;
      if (auth.state === 'confirmed') throw authorizationNotFound('This print authorization was confirmed (the document was printed); it cannot be released.');
      state.authorizations[authorizationId] = { ...auth, state: 'released' };
      this.store.write(state);
    });
  }

  findAuthorization(requestId: string): Promise<AuthorizationRecord | null> {
    return attempt(() => {
      const found = findByRequest(this.store.read(), requireRequestId(requestId));
      return found === undefined ? null : { authorizationId: found.id, documentId: found.entry.documentId, state: found.entry.state };
    });
  }

  /** Every demo resident with an e-KTP, with their documents' PINs and status (demo mode only). */
  demoCitizens(): DemoCitizen[] {
    const state = this.store.read();
    return this.data.cards.map((card) => {
      const { person, family } = this.resident(card.nik);
      return {
        nik: card.nik,
        noKk: family.noKk,
        name: person.namaLengkap,
        cardUid: card.uid,
        kabupatenKota: family.address.kabupatenKota,
        documents: this.heldBy(card.nik).map((d) => ({ id: d.document.id, type: d.document.type, pin: d.pin, status: statusOf(state, d.document.id) })),
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

  /** Forgets every spent, locked and open PIN (deletes the state file). True when there was state. */
  reset(): boolean {
    return this.store.clear();
  }

  /** The authorization id a repeated request gets back, or why it gets none. */
  private repeated(earlier: { id: string; entry: AuthorizationEntry }, documentId: string): string {
    if (earlier.entry.documentId !== documentId) {
      throw new KioskError('API_INPUT_INVALID', 'This redeem request id was already used for another document.', { hint: 'This is a bug in the kiosk: every redeem needs a fresh request id.' });
    }
    if (earlier.entry.state === 'open') return earlier.id;
    if (earlier.entry.state === 'confirmed') {
      throw new KioskError('PIN_USED', 'The PIN for this document has already been used to print it.', { hint: 'A PIN prints once. Ask the Dukcapil office for a new authorization to print it again.' });
    }
    throw authorizationNotFound('This redeem request was released; a new attempt needs a new request.');
  }

  private resident(nik: string): Resident {
    const resident = this.residents.get(nik);
    if (resident === undefined) {
      throw new KioskError('RESIDENT_NOT_FOUND', 'The registry has no resident for this card.', {
        hint: 'Check that the card is an e-KTP issued by Dukcapil, or ask the officer on duty for help.',
      });
    }
    return resident;
  }

  private cardholder(nik: string, cardUid: string): Resident {
    const resident = this.resident(nik);
    if (resident.cardUid === undefined || resident.cardUid !== cardUid.trim().toUpperCase()) {
      throw new KioskError('CARD_MISMATCH', 'This card does not match the registry record of its holder.', {
        hint: 'Use your own e-KTP. If it is yours, it may have been replaced: ask the officer on duty.',
      });
    }
    return resident;
  }

  private heldBy(nik: string): DemoDocument[] {
    return this.data.documents.filter((d) => d.holderNik === nik);
  }

  private summary(doc: DemoDocument): DocumentSummary {
    const subject = this.resident(doc.document.subjectNik).person;
    return documentSummarySchema.parse({ id: doc.document.id, type: doc.document.type, subjectName: subject.namaLengkap, issuedAt: doc.document.issuedAt });
  }

  private templateInput(doc: DemoDocument): TemplateInput {
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

function findByRequest(state: DemoState, requestId: string): { id: string; entry: AuthorizationEntry } | undefined {
  for (const [id, entry] of Object.entries(state.authorizations)) if (entry.requestId === requestId) return { id, entry };
  return undefined;
}

/** Runs a synchronous step as a promise: thrown errors become rejections. */
function attempt<T>(step: () => T): Promise<T> {
  try {
    return Promise.resolve(step());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

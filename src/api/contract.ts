import { z } from 'zod';
import { DOCUMENT_TYPES } from '../core/documents.ts';
import { documentSummarySchema } from '../core/record.ts';
import { ERROR_CODES } from '../core/errors.ts';

/**
 * KioskApi: the one typed contract between the UI and the kiosk. Each method names its
 * input and output schema; each event its payload schema. The Electron IPC transport and
 * the loopback HTTP/WebSocket transport are both generated from this object, and both
 * validate every input at the boundary (the renderer is not trusted).
 */

const errorCodeSchema = z.enum(Object.keys(ERROR_CODES) as [keyof typeof ERROR_CODES, ...(keyof typeof ERROR_CODES)[]]);
export const errorDataSchema = z.object({ code: errorCodeSchema, message: z.string(), hint: z.string().optional() });

const residentSchema = z.object({ name: z.string(), nikMasked: z.string() });
const documentsSchema = z.array(documentSummarySchema);
const progressSchema = z.object({
  pagesDone: z.number().int().min(0),
  pageCount: z.number().int().min(0),
  bytesSent: z.number().min(0),
  bytesTotal: z.number().min(0),
  fault: errorDataSchema.nullable(),
});

export const sessionStateSchema = z.discriminatedUnion('step', [
  z.object({ step: z.literal('attract') }),
  z.object({ step: z.literal('reading-card') }),
  z.object({ step: z.literal('choosing'), resident: residentSchema, documents: documentsSchema, notice: errorDataSchema.nullable() }),
  z.object({ step: z.literal('authorizing'), resident: residentSchema, documents: documentsSchema, documentId: z.string(), error: errorDataSchema.nullable() }),
  z.object({ step: z.literal('previewing'), resident: residentSchema, documents: documentsSchema, documentId: z.string(), pageCount: z.number().int() }),
  z.object({ step: z.literal('printing'), resident: residentSchema, documents: documentsSchema, documentId: z.string(), progress: progressSchema }),
  z.object({ step: z.literal('done'), resident: residentSchema, documents: documentsSchema, documentId: z.string(), pageCount: z.number().int() }),
  z.object({ step: z.literal('error'), error: errorDataSchema }),
]);

export const sessionViewSchema = z.object({
  state: sessionStateSchema,
  /** Milliseconds until the session ends by itself; null while it cannot (attract, printing). */
  timeLeftMs: z.number().nullable(),
});
export type SessionView = z.infer<typeof sessionViewSchema>;

export const kioskInfoSchema = z.object({
  mode: z.enum(['demo', 'production']),
  kioskId: z.string(),
  version: z.string(),
  printer: z.string(),
  cardReader: z.string(),
  registry: z.string(),
});
export type KioskInfo = z.infer<typeof kioskInfoSchema>;

export const demoCardSchema = z.object({
  nik: z.string(),
  uid: z.string(),
  name: z.string(),
  kabupatenKota: z.string(),
  documentTypes: z.array(z.enum(DOCUMENT_TYPES)),
});
export type DemoCard = z.infer<typeof demoCardSchema>;

export const previewSchema = z.object({
  documentId: z.string(),
  pages: z.array(z.object({ widthPx: z.number().int(), heightPx: z.number().int(), pngDataUrl: z.string().startsWith('data:image/png;base64,') })),
});
export type Preview = z.infer<typeof previewSchema>;

const none = z.object({}).strict();
const ok = z.object({ ok: z.literal(true) });

export const kioskApiContract = {
  methods: {
    getKioskInfo: { input: none, output: kioskInfoSchema },
    getSession: { input: none, output: sessionViewSchema },
    /** Demo mode only: the demo e-KTPs the on-screen picker offers. */
    listDemoCards: { input: none, output: z.array(demoCardSchema) },
    /** Demo mode only: puts a demo e-KTP on the simulated reader. */
    tapDemoCard: { input: z.object({ nik: z.string().regex(/^\d{16}$/) }).strict(), output: ok },
    chooseDocument: { input: z.object({ documentId: z.string().min(1).max(64) }).strict(), output: ok },
    submitPin: { input: z.object({ pin: z.string().regex(/^\d{4,8}$/, 'a PIN is 4 to 8 digits') }).strict(), output: ok },
    getPreview: { input: none, output: previewSchema },
    startPrint: { input: none, output: ok },
    /** One step back (or, on the result screens, on to the next document or the start). */
    back: { input: none, output: ok },
    /** Ends the session at once and forgets the resident. */
    endSession: { input: none, output: ok },
    /** The resident touched the screen: restarts the idle count-down. */
    touch: { input: none, output: ok },
  },
  events: {
    session: sessionViewSchema,
  },
} as const;

export type KioskApiContract = typeof kioskApiContract;
export type MethodName = keyof KioskApiContract['methods'];
export type EventName = keyof KioskApiContract['events'];
export type MethodInput<M extends MethodName> = z.input<KioskApiContract['methods'][M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<KioskApiContract['methods'][M]['output']>;
export type EventPayload<E extends EventName> = z.output<KioskApiContract['events'][E]>;

/** The API as the UI sees it: one async function per method, plus event subscription. */
export type KioskApi = {
  [M in MethodName]: (input: MethodInput<M>) => Promise<MethodOutput<M>>;
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

/** What an implementation provides: the same methods, events pushed through `emit`. */
export type KioskApiHandlers = {
  [M in MethodName]: (input: z.output<KioskApiContract['methods'][M]['input']>) => Promise<MethodOutput<M>>;
};

export const METHOD_NAMES = Object.keys(kioskApiContract.methods) as MethodName[];

export function isMethodName(value: unknown): value is MethodName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(kioskApiContract.methods, value);
}

/** The envelope every transport carries back: a value or plain error data, never a thrown object. */
export type Envelope<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: z.infer<typeof errorDataSchema> };

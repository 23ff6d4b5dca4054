import { z } from 'zod';
import { CARD_FAULTS } from '../../device-drivers/card-reader/card-fault.ts';
import { DOCUMENT_TYPES } from '../core/documents.ts';
import { documentSummarySchema, PIN_LENGTH_RANGE } from '../core/record.ts';
import { defineContract, errorDataSchema, type ClientOf, type EventNameOf, type HandlersOf, type InputOf, type MethodNameOf, type OutputOf, type PayloadOf } from './contract-kit.ts';

/**
 * KioskApi: the one typed contract between the resident's UI and the kiosk. Each method names
 * its input and output schema; each event its payload schema. The Electron IPC transport and
 * the loopback HTTP/WebSocket transport are both generated from this object (contract-kit.ts),
 * and both validate every input at the boundary (the renderer is not trusted).
 */
export { errorDataSchema, type Envelope } from './contract-kit.ts';

const residentSchema = z.object({ name: z.string(), nikMasked: z.string() });
const documentsSchema = z.array(documentSummarySchema);
const progressSchema = z.object({
  pagesDone: z.number().int().min(0),
  pageCount: z.number().int().min(0),
  bytesSent: z.number().min(0),
  bytesTotal: z.number().min(0),
  fault: errorDataSchema.nullable(),
  /**
   * With a fault: milliseconds the kiosk keeps waiting for it to clear, as of this view, before
   * it stops the print (config `print.waitOnFaultSeconds`, counted from when the wait began).
   * Null without a fault.
   */
  faultWaitLeftMs: z.number().min(0).nullable(),
});

/**
 * On the `error` step: what became of the resident's PIN. `still-valid`: released, it prints
 * again; `spent`: the document was printed; `needs-review`: pages may have come out, the PIN
 * is held until the staff decide; null: no PIN was involved (e.g. the card could not be read).
 */
export const pinOutcomeSchema = z.enum(['still-valid', 'spent', 'needs-review']);
export type PinOutcome = z.infer<typeof pinOutcomeSchema>;

export const paperShortSchema = z.object({ sheetsLeft: z.number().int().min(0), pagesNeeded: z.number().int().min(1) });
export type PaperShort = z.infer<typeof paperShortSchema>;

export const sessionStateSchema = z.discriminatedUnion('step', [
  z.object({ step: z.literal('attract') }),
  z.object({ step: z.literal('reading-card') }),
  z.object({ step: z.literal('choosing'), resident: residentSchema, documents: documentsSchema, notice: errorDataSchema.nullable() }),
  z.object({ step: z.literal('authorizing'), resident: residentSchema, documents: documentsSchema, documentId: z.string(), error: errorDataSchema.nullable() }),
  z.object({
    step: z.literal('previewing'),
    resident: residentSchema,
    documents: documentsSchema,
    documentId: z.string(),
    pageCount: z.number().int(),
    /** The printer may run out of paper before this document finishes (fewer sheets left than pages): the resident is told before printing. */
    paperShort: paperShortSchema.optional(),
  }),
  z.object({ step: z.literal('printing'), resident: residentSchema, documents: documentsSchema, documentId: z.string(), progress: progressSchema }),
  z.object({ step: z.literal('done'), resident: residentSchema, documents: documentsSchema, documentId: z.string(), pageCount: z.number().int() }),
  z.object({ step: z.literal('error'), error: errorDataSchema, pin: pinOutcomeSchema.nullable() }),
]);

/** The parts a resident needs; while one is down the kiosk is out of service. */
export const KIOSK_PARTS = ['printer', 'card-reader', 'registry'] as const;
export type KioskPart = (typeof KIOSK_PARTS)[number];

/** Whether the kiosk can serve a new resident, and if not, which part is down and why. */
export const availabilitySchema = z.object({
  inService: z.boolean(),
  problems: z.array(z.object({ part: z.enum(KIOSK_PARTS), error: errorDataSchema })),
});
export type Availability = z.infer<typeof availabilitySchema>;

export const sessionViewSchema = z.object({
  state: sessionStateSchema,
  /** Milliseconds until the session ends by itself; null while it cannot (attract, printing). */
  timeLeftMs: z.number().nullable(),
  /** From the health monitor: out of service while a part the resident needs is down. */
  availability: availabilitySchema,
});
export type SessionView = z.infer<typeof sessionViewSchema>;

export const kioskInfoSchema = z.object({
  mode: z.enum(['demo', 'production']),
  kioskId: z.string(),
  version: z.string(),
  printer: z.string(),
  cardReader: z.string(),
  registry: z.string(),
  /** Demo mode with the simulated reader: the on-screen demo card picker is offered (a real reader in demo mode has none). */
  demoCardPicker: z.boolean(),
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

const PIN_PATTERN = new RegExp(`^\\d{${PIN_LENGTH_RANGE.min},${PIN_LENGTH_RANGE.max}}$`);
/** The staff roles that sign in on the kiosk screen (src/host/staff). */
export const staffRoleSchema = z.enum(['ops', 'technician']);
export type StaffRoleName = z.infer<typeof staffRoleSchema>;
export const staffGrantSchema = z.object({ token: z.string().min(20), expiresAt: z.string() });
export type StaffGrantView = z.infer<typeof staffGrantSchema>;

const none = z.object({}).strict();
const ok = z.object({ ok: z.literal(true) });

export const kioskApiContract = defineContract({
  name: 'adm-kiosk',
  methods: {
    getKioskInfo: { input: none, output: kioskInfoSchema },
    getSession: { input: none, output: sessionViewSchema },
    /** Demo mode only: the demo e-KTPs the on-screen picker offers. */
    listDemoCards: { input: none, output: z.array(demoCardSchema) },
    /**
     * Demo mode only: puts a demo e-KTP on the simulated reader. With `fault` the card fails to
     * be read that way (not an e-KTP, blocked, lifted mid-read, ...): the screen walk stages
     * every failed read with it; the on-screen picker never sends one.
     */
    tapDemoCard: { input: z.object({ nik: z.string().regex(/^\d{16}$/), fault: z.enum(CARD_FAULTS).optional() }).strict(), output: ok },
    chooseDocument: { input: z.object({ documentId: z.string().min(1).max(64) }).strict(), output: ok },
    /** The PIN of the chosen document: as many digits as its `pinLength` (else API_INPUT_INVALID, never sent to the registry). */
    submitPin: { input: z.object({ pin: z.string().regex(PIN_PATTERN, `a PIN is ${PIN_LENGTH_RANGE.min} to ${PIN_LENGTH_RANGE.max} digits`) }).strict(), output: ok },
    getPreview: { input: none, output: previewSchema },
    startPrint: { input: none, output: ok },
    /**
     * The resident gives up on a print that waits on a printer fault (paper end, cover open):
     * only allowed while `printing.progress.fault` is set. The PIN is released only when no
     * page was handed to the printer; the `error` step's `pin` says which.
     */
    cancelPrint: { input: none, output: ok },
    /** One step back (or, on the result screens, on to the next document or the start). */
    back: { input: none, output: ok },
    /** Ends the session at once and forgets the resident. */
    endSession: { input: none, output: ok },
    /** The resident touched the screen: restarts the idle count-down. */
    touch: { input: none, output: ok },
    /**
     * Staff sign-in after the hidden gesture on the attract screen (only there: SESSION_STATE
     * during a resident's session). Wrong PIN: STAFF_PIN_INVALID with `details.attemptsLeft`;
     * 5 wrong: STAFF_LOCKED with `details.lockedUntil`. The token opens the role's own API
     * (`/ops`, `/tech`), never this one's.
     */
    staffSignIn: { input: z.object({ role: staffRoleSchema, pin: z.string().regex(/^\d{6,12}$/, 'a staff PIN is 6 to 12 digits') }).strict(), output: staffGrantSchema },
    staffSignOut: { input: z.object({ token: z.string().min(1).max(200) }).strict(), output: ok },
  },
  events: {
    session: sessionViewSchema,
  },
});

export type KioskApiContract = typeof kioskApiContract;
export type MethodName = MethodNameOf<KioskApiContract>;
export type EventName = EventNameOf<KioskApiContract>;
export type MethodInput<M extends MethodName> = InputOf<KioskApiContract, M>;
export type MethodOutput<M extends MethodName> = OutputOf<KioskApiContract, M>;
export type EventPayload<E extends EventName> = PayloadOf<KioskApiContract, E>;

/** The API as the UI sees it: one async function per method, plus event subscription. */
export type KioskApi = ClientOf<KioskApiContract>;

/** What an implementation provides: the same methods, given parsed input. */
export type KioskApiHandlers = HandlersOf<KioskApiContract>;

export const METHOD_NAMES: readonly MethodName[] = kioskApiContract.methodNames;

import { z } from 'zod';
import { ERROR_CODES, type ErrorData } from '../core/errors.ts';

/**
 * The machinery every API contract shares: `defineContract({ name, methods, events })` gives
 * a contract whose methods (input and output schemas) and events (payload schemas) are typed
 * once; `dispatch` (server side), `createContractClient` (any transport) and the HTTP, WebSocket
 * and IPC transports are generic over it. `KioskApi` is one such contract; the technician and
 * ops APIs (issues 12, 13) are others, mounted beside it with their own token.
 * Browser-safe: zod and core only.
 */

const errorCodeSchema = z.enum(Object.keys(ERROR_CODES) as [keyof typeof ERROR_CODES, ...(keyof typeof ERROR_CODES)[]]);
export const errorDetailsSchema = z.object({ attemptsLeft: z.number().int().min(0).optional(), lockedUntil: z.string().optional() });
export const errorDataSchema = z.object({ code: errorCodeSchema, message: z.string(), hint: z.string().optional(), details: errorDetailsSchema.optional() });

export interface MethodSpec {
  readonly input: z.ZodType;
  readonly output: z.ZodType;
}
export type MethodsSpec = Readonly<Record<string, MethodSpec>>;
export type EventsSpec = Readonly<Record<string, z.ZodType>>;

/** Any contract, as the generic machinery sees it. */
export interface AnyContract {
  /** Names the transports: IPC channels `<name>:invoke` / `<name>:event`. Letters, digits, dashes. */
  readonly name: string;
  readonly methods: MethodsSpec;
  readonly events: EventsSpec;
  readonly methodNames: readonly string[];
  readonly eventNames: readonly string[];
  isMethod(value: unknown): boolean;
  isEvent(value: unknown): boolean;
}

export interface Contract<M extends MethodsSpec, E extends EventsSpec> extends AnyContract {
  readonly methods: M;
  readonly events: E;
  readonly methodNames: readonly (keyof M & string)[];
  readonly eventNames: readonly (keyof E & string)[];
  isMethod(value: unknown): value is keyof M & string;
  isEvent(value: unknown): value is keyof E & string;
}
type MethodsOf<C extends AnyContract> = C['methods'];
type EventsOf<C extends AnyContract> = C['events'];
export type MethodNameOf<C extends AnyContract> = keyof MethodsOf<C> & string;
export type EventNameOf<C extends AnyContract> = keyof EventsOf<C> & string;
export type InputOf<C extends AnyContract, M extends MethodNameOf<C>> = z.input<MethodsOf<C>[M]['input']>;
export type ParsedInputOf<C extends AnyContract, M extends MethodNameOf<C>> = z.output<MethodsOf<C>[M]['input']>;
export type OutputOf<C extends AnyContract, M extends MethodNameOf<C>> = z.output<MethodsOf<C>[M]['output']>;
export type PayloadOf<C extends AnyContract, E extends EventNameOf<C>> = z.output<EventsOf<C>[E]>;

/** What an implementation provides: one async function per method, given the parsed input. */
export type HandlersOf<C extends AnyContract> = { [M in MethodNameOf<C>]: (input: ParsedInputOf<C, M>) => Promise<OutputOf<C, M>> };

/** What a client sees: one async function per method, plus event subscription. */
export type ClientOf<C extends AnyContract> = { [M in MethodNameOf<C>]: (input: InputOf<C, M>) => Promise<OutputOf<C, M>> } & {
  on<E extends EventNameOf<C>>(event: E, listener: (payload: PayloadOf<C, E>) => void): () => void;
};

/** One event as every transport carries it. */
export interface EventMessage {
  readonly event: string;
  readonly payload: unknown;
}

/** Where a server gets a contract's events from: a subscription to every event message. */
export type EventSource = (listener: (message: EventMessage) => void) => () => void;

/** The envelope every transport carries back: a value or plain error data, never a thrown object. */
export type Envelope<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ErrorData };

export function defineContract<const M extends MethodsSpec, const E extends EventsSpec>(spec: { readonly name: string; readonly methods: M; readonly events: E }): Contract<M, E> {
  if (!/^[a-z][a-z0-9-]{1,40}$/.test(spec.name)) throw new Error(`contract name "${spec.name}" must be lower-case letters, digits and dashes`);
  const has = (table: object, value: unknown) => typeof value === 'string' && Object.prototype.hasOwnProperty.call(table, value);
  return {
    name: spec.name,
    methods: spec.methods,
    events: spec.events,
    methodNames: Object.keys(spec.methods),
    eventNames: Object.keys(spec.events),
    isMethod: (value): value is keyof M & string => has(spec.methods, value),
    isEvent: (value): value is keyof E & string => has(spec.events, value),
  };
}

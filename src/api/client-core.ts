import { fromErrorData } from '../core/errors.ts';
import { errorDataSchema, type AnyContract, type ClientOf, type Envelope, type EventMessage } from './contract-kit.ts';

/**
 * Builds a typed client for any contract from two transport primitives, so that every
 * transport's client is generated from the contract rather than written by hand: `invoke`
 * carries one method call and returns the envelope; `subscribe` delivers raw event messages.
 * Outputs and event payloads are parsed with the contract's schemas.
 */
export interface ClientTransport {
  invoke(method: string, input: unknown): Promise<unknown>;
  subscribe(listener: (message: EventMessage) => void): () => void;
}

export function createContractClient<C extends AnyContract>(contract: C, transport: ClientTransport): ClientOf<C> {
  const api: Record<string, unknown> = {};
  for (const method of contract.methodNames) {
    const spec = contract.methods[method];
    api[method] = async (input: unknown) => {
      const raw = (await transport.invoke(method, input ?? {})) as Envelope<unknown>;
      if (raw.ok) return spec?.output.parse(raw.value);
      throw fromErrorData(errorDataSchema.parse(raw.error));
    };
  }
  api['on'] = (event: string, listener: (payload: unknown) => void) =>
    transport.subscribe((message) => {
      if (message.event !== event || !contract.isEvent(event)) return;
      const parsed = contract.events[event]?.safeParse(message.payload);
      if (parsed?.success === true) listener(parsed.data);
    });
  return api as unknown as ClientOf<C>;
}

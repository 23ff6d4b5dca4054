import { fromErrorData } from '../core/errors.ts';
import { kioskApiContract, METHOD_NAMES, errorDataSchema, type Envelope, type EventName, type EventPayload, type KioskApi } from './contract.ts';

/**
 * Builds a typed KioskApi from two transport primitives, so that every transport's client
 * is generated from the contract rather than written by hand: `invoke` carries one method
 * call and returns the envelope; `subscribe` delivers raw event messages.
 */
export interface ClientTransport {
  invoke(method: string, input: unknown): Promise<unknown>;
  subscribe(listener: (message: { event: string; payload: unknown }) => void): () => void;
}

export function createKioskApiClient(transport: ClientTransport): KioskApi {
  const api: Record<string, unknown> = {};
  for (const method of METHOD_NAMES) {
    api[method] = async (input: unknown) => {
      const raw = (await transport.invoke(method, input ?? {})) as Envelope<unknown>;
      if (raw.ok) return kioskApiContract.methods[method].output.parse(raw.value);
      throw fromErrorData(errorDataSchema.parse(raw.error));
    };
  }
  api['on'] = <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) =>
    transport.subscribe((message) => {
      if (message.event !== event) return;
      const parsed = kioskApiContract.events[event].safeParse(message.payload);
      if (parsed.success) listener(parsed.data);
    });
  return api as unknown as KioskApi;
}

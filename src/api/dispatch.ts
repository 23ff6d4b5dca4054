import { KioskError, toErrorData } from '../core/errors.ts';
import { isMethodName, kioskApiContract, type Envelope, type KioskApiHandlers, type MethodName } from './contract.ts';

/**
 * The server side of every transport: checks the method name against the contract, parses
 * the input with the method's schema (the renderer is not trusted), calls the handler and
 * wraps the result or the error as plain data. Nothing thrown crosses the boundary.
 */
export async function dispatch(handlers: KioskApiHandlers, method: unknown, rawInput: unknown): Promise<Envelope<unknown>> {
  try {
    if (!isMethodName(method)) {
      throw new KioskError('API_METHOD_UNKNOWN', `The kiosk API has no method "${String(method).slice(0, 40)}".`, { hint: 'Update the UI and the kiosk to the same version.' });
    }
    const spec = kioskApiContract.methods[method];
    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue !== undefined && issue.path.length > 0 ? ` at "${issue.path.join('.')}"` : '';
      throw new KioskError('API_INPUT_INVALID', `Input for ${method}${where}: ${issue?.message ?? 'invalid'}.`, { hint: 'The UI sent a request the kiosk does not accept.' });
    }
    // Called as a method: handlers is usually a service instance.
    const handler = handlers[method] as (this: KioskApiHandlers, input: unknown) => Promise<unknown>;
    const value = await handler.call(handlers, parsed.data);
    return { ok: true, value };
  } catch (error) {
    return { ok: false, error: toErrorData(error) };
  }
}

export function methodNames(): MethodName[] {
  return Object.keys(kioskApiContract.methods) as MethodName[];
}

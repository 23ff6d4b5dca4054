import { KioskError, isKioskError, toErrorData } from '../core/errors.ts';
import type { AnyContract, Envelope, HandlersOf } from './contract-kit.ts';

export interface DispatchOptions {
  /**
   * Told about every failure that is not a KioskError (a bug: TypeError, RangeError, ...),
   * which crosses the boundary only as INTERNAL. The host writes it, class and stack, to the
   * application log.
   */
  readonly onUnexpected?: (context: string, error: unknown) => void;
}

/**
 * The server side of every transport, for any contract: checks the method name against the
 * contract, parses the input with the method's schema (the caller is not trusted), calls the
 * handler and wraps the result or the error as plain data. Nothing thrown crosses the boundary.
 */
export async function dispatch<C extends AnyContract>(contract: C, handlers: HandlersOf<C>, method: unknown, rawInput: unknown, options: DispatchOptions = {}): Promise<Envelope<unknown>> {
  try {
    if (typeof method !== 'string' || !contract.isMethod(method)) {
      throw new KioskError('API_METHOD_UNKNOWN', `The ${contract.name} API has no method "${String(method).slice(0, 40)}".`, { hint: 'Update the UI and the kiosk to the same version.' });
    }
    const spec = contract.methods[method];
    if (spec === undefined) throw new KioskError('API_METHOD_UNKNOWN', `The ${contract.name} API has no method "${method}".`);
    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue !== undefined && issue.path.length > 0 ? ` at "${issue.path.join('.')}"` : '';
      throw new KioskError('API_INPUT_INVALID', `Input for ${method}${where}: ${issue?.message ?? 'invalid'}.`, { hint: 'The caller sent a request the kiosk does not accept.' });
    }
    // Called as a method: handlers is usually a service instance.
    const handler = (handlers as Record<string, unknown>)[method] as (this: unknown, input: unknown) => Promise<unknown>;
    const value = await handler.call(handlers, parsed.data);
    return { ok: true, value };
  } catch (error) {
    if (!isKioskError(error)) options.onUnexpected?.(`${contract.name} API ${typeof method === 'string' ? method.slice(0, 40) : '?'}`, error);
    return { ok: false, error: toErrorData(error) };
  }
}

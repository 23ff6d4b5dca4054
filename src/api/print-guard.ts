import type { Printer } from '../../device-drivers/printer/contract.ts';

/**
 * The printer as one print job sees it: the same printer, except that the first `write` of
 * the job first awaits `beforeFirstByte` (the transaction records in the log that bytes are
 * about to leave; if that fails, nothing is sent) and afterwards `afterFirstByte`. Status
 * requests and everything else pass straight through. A Proxy, so that methods the printer
 * contract gains later pass through too.
 */
export function guardFirstByte(printer: Printer, hooks: { beforeFirstByte(): Promise<void>; afterFirstByte(): Promise<void> }): Printer {
  let first = true;
  const write = async (bytes: Uint8Array): Promise<void> => {
    if (!first) return printer.write(bytes);
    first = false;
    await hooks.beforeFirstByte();
    await printer.write(bytes);
    await hooks.afterFirstByte();
  };
  return new Proxy(printer, {
    get(target, property) {
      if (property === 'write') return write;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

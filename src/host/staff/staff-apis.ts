import type { AnyContract, EventSource, HandlersOf } from '../../api/contract-kit.ts';
import { mountApi, type ApiMount } from '../loopback-server.ts';
import type { StaffAccess, StaffRole } from './staff-access.ts';

/**
 * A staff contract (ops, technician) as the kiosk serves it: its own prefix on the loopback
 * server (`/ops`, `/tech`) and its own IPC channels in Electron, each call authorized by a
 * live staff token of its role (from `staffSignIn`), never by the resident UI's token.
 */
export interface StaffApi<C extends AnyContract = AnyContract> {
  readonly role: StaffRole;
  readonly prefix: string;
  readonly contract: C;
  readonly handlers: HandlersOf<C>;
  readonly events?: EventSource;
}

/** Typed helper: keeps the handlers checked against their contract. */
export function staffApi<C extends AnyContract>(api: StaffApi<C>): StaffApi {
  return api;
}

/** The loopback mount of a staff contract: only a live token of its role gets through (and restarts its idle clock). */
export function mountStaffApi(api: StaffApi, staff: StaffAccess, onUnexpected?: (context: string, error: unknown) => void): ApiMount {
  return mountApi({
    contract: api.contract,
    handlers: api.handlers,
    prefix: api.prefix,
    authorize: (token) => staff.authorize(api.role, token) !== null,
    ...(api.events === undefined ? {} : { events: api.events }),
    ...(onUnexpected === undefined ? {} : { onUnexpected }),
  });
}

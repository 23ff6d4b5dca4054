import type { EventMessage } from '../api/contract-kit.ts';
import { kioskApiContract } from '../api/contract.ts';
import { openKiosk, type Kiosk, type OpenKioskOptions } from './kiosk.ts';
import { mountApi, startLoopbackServer, type ApiMount, type LoopbackServer } from './loopback-server.ts';
import { installProcessGuards } from './process-guards.ts';
import { mountStaffApi, type StaffApi } from './staff/staff-apis.ts';
import { kioskStaffApis } from './staff/kiosk-staff-apis.ts';

/**
 * The kiosk behind the loopback server: what the CLI's `start` (browser shell, or Electron
 * from a checkout) runs. The KioskApi is mounted at `/api` with a per-launch token; more
 * contracts (technician, ops) can be mounted beside it with their own tokens.
 */
export interface ServeOptions extends OpenKioskOptions {
  /** The built UI (dist/ui). */
  readonly uiDir: string;
  readonly port?: number;
  /** Fixed token for tests; random per launch otherwise. */
  readonly token?: string;
  /** More contracts beside the KioskApi (tests). */
  readonly extraMounts?: (kiosk: Kiosk) => readonly ApiMount[];
  /** The staff contracts (default: the kiosk's own, `kioskStaffApis`). */
  readonly staffApis?: (kiosk: Kiosk) => readonly StaffApi[];
  /** Install the unhandled-rejection / uncaught-exception net (default true; tests in-process say false). */
  readonly guardProcess?: boolean;
}

export interface ServedKiosk {
  readonly kiosk: Kiosk;
  readonly server: LoopbackServer;
  /** The page to open: the token rides in the fragment, which browsers never send to servers. */
  readonly launchUrl: string;
  close(): Promise<void>;
}

export async function serveKiosk(options: ServeOptions): Promise<ServedKiosk> {
  const kiosk = await openKiosk(options);
  const unguard = options.guardProcess === false ? () => undefined : installProcessGuards(kiosk.appLog);
  let server: LoopbackServer;
  const onUnexpected = (context: string, error: unknown) => kiosk.appLog.error(context, error);
  try {
    const api = mountApi({
      contract: kioskApiContract,
      handlers: kiosk.service,
      prefix: '/api',
      ...(options.token === undefined ? {} : { token: options.token }),
      events: (listener: (message: EventMessage) => void) => kiosk.service.onSession((view) => listener({ event: 'session', payload: view })),
      onUnexpected,
    });
    const staffMounts = (options.staffApis ?? kioskStaffApis)(kiosk).map((staffApi) => mountStaffApi(staffApi, kiosk.staff, onUnexpected));
    server = await startLoopbackServer({ uiDir: options.uiDir, mounts: [api, ...staffMounts, ...(options.extraMounts?.(kiosk) ?? [])], onUnexpected, ...(options.port === undefined ? {} : { port: options.port }) });
    kiosk.core.lock.setPort(server.port);
    kiosk.appLog.info('start-up', `serving on ${server.url}`);
    return {
      kiosk,
      server,
      launchUrl: `${server.url}/#token=${api.token ?? ''}`,
      async close() {
        await server.close();
        await kiosk.close();
        unguard();
      },
    };
  } catch (error) {
    await kiosk.close();
    unguard();
    throw error;
  }
}

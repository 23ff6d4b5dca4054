import type { EventMessage } from '../api/contract-kit.ts';
import { kioskApiContract } from '../api/contract.ts';
import { openKiosk, type Kiosk, type OpenKioskOptions } from './kiosk.ts';
import { LaunchBootstrap } from './launch-bootstrap.ts';
import type { ConnectionLimits } from './connection-guard.ts';
import { checkPortFree, mountApi, startLoopbackServer, type ApiMount, type LoopbackServer } from './loopback-server.ts';
import { installProcessGuards } from './process-guards.ts';
import { mountStaffApi, type StaffApi } from './staff/staff-apis.ts';
import { kioskStaffApis } from './staff/kiosk-staff-apis.ts';

/**
 * The kiosk behind the loopback server: what the CLI's `start` (browser shell, or Electron
 * from a checkout) runs. The KioskApi is mounted at `/api` with a per-launch token; more
 * contracts (technician, ops) can be mounted beside it with their own tokens. The page gets
 * every mount's token by the one-time launch bootstrap (launch-bootstrap.ts).
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
  /** Connection caps and timeouts of the loopback server (tests shorten them). */
  readonly limits?: Partial<ConnectionLimits>;
  /** Install the unhandled-rejection / uncaught-exception net (default true; tests in-process say false). */
  readonly guardProcess?: boolean;
}

export interface ServedKiosk {
  readonly kiosk: Kiosk;
  readonly server: LoopbackServer;
  /**
   * A one-time start link, `http://127.0.0.1:PORT/#bootstrap=NONCE`: the page that opens it
   * first gets the tokens; each call makes a new nonce and the unused earlier one dies.
   */
  launchUrl(): string;
  /**
   * Writes a one-time start link into the launch page (`<data-dir>/browser-launch.html`,
   * 0600) and returns its path: what a browser is pointed at, so that no secret is in its
   * arguments. The page is deleted once used, and at close.
   */
  writeLaunchPage(): string;
  /** Pages that have exchanged a start link so far. */
  launches(): number;
  close(): Promise<void>;
}

export async function serveKiosk(options: ServeOptions): Promise<ServedKiosk> {
  await checkPortFree(options.port ?? 0);
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
    const mounts = [api, ...staffMounts, ...(options.extraMounts?.(kiosk) ?? [])];
    // The launch hands the page the KioskApi's token (and any other fixed one); staff mounts open only by a staff sign-in.
    const bootstrap = new LaunchBootstrap(mounts);
    server = await startLoopbackServer({
      uiDir: options.uiDir,
      mounts,
      bootstrap,
      onUnexpected,
      ...(options.port === undefined ? {} : { port: options.port }),
      ...(options.limits === undefined ? {} : { limits: options.limits }),
    });
    kiosk.core.lock.setPort(server.port);
    kiosk.appLog.info('start-up', `serving on ${server.url}`);
    const launchUrl = () => `${server.url}/#bootstrap=${bootstrap.issue()}`;
    return {
      kiosk,
      server,
      launchUrl,
      writeLaunchPage: () => bootstrap.writeLaunchPage(kiosk.core.dataDir, launchUrl()),
      launches: () => bootstrap.used,
      async close() {
        bootstrap.removeLaunchPage();
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

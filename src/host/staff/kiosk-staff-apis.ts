import type { Kiosk } from '../kiosk.ts';
import { techApi } from '../tech/tech-api.ts';
import type { StaffApi } from './staff-apis.ts';

/**
 * The staff contracts every kiosk serves, in one place for the loopback server (serve.ts) and
 * Electron's IPC (kiosk-shell/electron/main.ts): the ops API at `/ops` (issue 12) and the
 * technician API at `/tech` (issue 13) are added here.
 */
export function kioskStaffApis(kiosk: Kiosk): StaffApi[] {
  return [techApi(kiosk)];
}

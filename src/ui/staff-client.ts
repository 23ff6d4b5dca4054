import { createHttpClient } from '../api/http-client.ts';
import { createStaffIpcClient, type StaffIpcBridge } from '../api/ipc-client.ts';
import { techContract, type TechApi } from '../api/tech-contract.ts';

declare global {
  interface Window {
    /** The staff contracts' IPC bridge, set by the Electron preload; absent in the browser shell. */
    admKioskStaff?: StaffIpcBridge;
  }
}

/** The technician contract for this window, with the technician's staff token: Electron IPC, else loopback HTTP at `/tech`. */
export function connectTechApi(token: string, win: Window = window): TechApi {
  if (win.admKioskStaff !== undefined) return createStaffIpcClient(techContract, win.admKioskStaff, token);
  return createHttpClient(techContract, { baseUrl: win.location.origin, token, prefix: '/tech' });
}

import { createContractClient } from './client-core.ts';
import type { AnyContract, ClientOf, EventMessage } from './contract-kit.ts';
import { kioskApiContract, type KioskApi } from './contract.ts';

/** What the Electron preload exposes on `window.admKiosk` through contextBridge. */
export interface IpcBridge {
  invoke(method: string, input: unknown): Promise<unknown>;
  onEvent(listener: (message: EventMessage) => void): () => void;
}

/** The IPC channels of a contract: one for calls, one for events. */
export function ipcChannels(contract: Pick<AnyContract, 'name'>): { invoke: string; event: string } {
  return { invoke: `${contract.name}:invoke`, event: `${contract.name}:event` };
}

export const IPC_INVOKE_CHANNEL = ipcChannels(kioskApiContract).invoke;
export const IPC_EVENT_CHANNEL = ipcChannels(kioskApiContract).event;

export function createIpcClient<C extends AnyContract>(contract: C, bridge: IpcBridge): ClientOf<C> {
  return createContractClient(contract, { invoke: (method, input) => bridge.invoke(method, input), subscribe: (listener) => bridge.onEvent(listener) });
}

/**
 * What the Electron preload exposes on `window.admKioskStaff`: the staff contracts' channels
 * (`adm-ops`, `adm-tech`, ...), each call carrying the staff token of its role.
 */
export interface StaffIpcBridge {
  invoke(contractName: string, method: string, input: unknown, token: string): Promise<unknown>;
  onEvent(contractName: string, listener: (message: EventMessage) => void): () => void;
}

/** Contract names the preload opens to the staff bridge. */
export const STAFF_CONTRACT_NAME = /^adm-(ops|tech)$/;

export function createStaffIpcClient<C extends AnyContract>(contract: C, bridge: StaffIpcBridge, token: string): ClientOf<C> {
  return createContractClient(contract, {
    invoke: (method, input) => bridge.invoke(contract.name, method, input, token),
    subscribe: (listener) => bridge.onEvent(contract.name, listener),
  });
}

export function createIpcKioskApi(bridge: IpcBridge): KioskApi {
  return createIpcClient(kioskApiContract, bridge);
}

import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, STAFF_CONTRACT_NAME, type IpcBridge, type StaffIpcBridge } from '../../src/api/ipc-client.ts';

/**
 * The only code with access to IPC. It exposes two functions on `window.admKiosk`, never
 * ipcRenderer itself; the renderer's KioskApi client is generated from the contract on top.
 */
const bridge: IpcBridge = {
  invoke: (method, input) => ipcRenderer.invoke(IPC_INVOKE_CHANNEL, method, input),
  onEvent: (listener) => {
    const wrapped = (_event: IpcRendererEvent, message: { event: string; payload: unknown }) => listener(message);
    ipcRenderer.on(IPC_EVENT_CHANNEL, wrapped);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('admKiosk', bridge);

/** The staff contracts (ops, technician): only their own channels, each call with its staff token. */
const staffBridge: StaffIpcBridge = {
  invoke: (contractName, method, input, token) => {
    if (!STAFF_CONTRACT_NAME.test(contractName)) return Promise.reject(new Error(`no staff contract ${contractName}`));
    return ipcRenderer.invoke(`${contractName}:invoke`, method, input, token);
  },
  onEvent: (contractName, listener) => {
    if (!STAFF_CONTRACT_NAME.test(contractName)) return () => undefined;
    const channel = `${contractName}:event`;
    const wrapped = (_event: IpcRendererEvent, message: { event: string; payload: unknown }) => listener(message);
    ipcRenderer.on(channel, wrapped);
    return () => {
      ipcRenderer.removeListener(channel, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('admKioskStaff', staffBridge);

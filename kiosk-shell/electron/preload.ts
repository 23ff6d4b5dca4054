import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, type IpcBridge } from '../../src/api/ipc-client.ts';

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

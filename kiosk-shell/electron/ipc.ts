import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { KioskApiHandlers, SessionView } from '../../src/api/contract.ts';
import { dispatch } from '../../src/api/dispatch.ts';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../../src/api/ipc-client.ts';

/**
 * The Electron side of the KioskApi: one invoke channel and one event channel, both generic
 * over the contract, so no channel is written by hand. Every call checks its sender: only
 * the kiosk window's main frame, showing the kiosk's own UI, may call the API.
 */
export interface TrustedRenderer {
  readonly webContentsId: number;
  /** The origin or file URL prefix the UI is loaded from. */
  readonly urlPrefix: string;
}

export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>, trusted: TrustedRenderer): boolean {
  const frame = event.senderFrame;
  if (frame === null || event.sender.id !== trusted.webContentsId) return false;
  // Only the top frame: an iframe (there should be none) gets nothing.
  if (frame.parent !== null) return false;
  return frame.url.startsWith(trusted.urlPrefix);
}

export function registerKioskIpc(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  handlers: KioskApiHandlers,
  trusted: () => TrustedRenderer | null,
): () => void {
  ipcMain.handle(IPC_INVOKE_CHANNEL, async (event, method: unknown, input: unknown) => {
    const renderer = trusted();
    if (renderer === null || !isTrustedSender(event, renderer)) {
      return { ok: false, error: { code: 'API_UNAUTHORIZED', message: 'The request did not come from the kiosk window.' } };
    }
    return dispatch(handlers, method, input);
  });
  return () => ipcMain.removeHandler(IPC_INVOKE_CHANNEL);
}

/** Pushes session views to the kiosk window. */
export function forwardSessionEvents(subscribe: (listener: (view: SessionView) => void) => () => void, target: () => Pick<WebContents, 'send' | 'isDestroyed'> | null): () => void {
  return subscribe((view) => {
    const contents = target();
    if (contents !== null && !contents.isDestroyed()) contents.send(IPC_EVENT_CHANNEL, { event: 'session', payload: view });
  });
}

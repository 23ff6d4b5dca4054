import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { AnyContract, EventSource, HandlersOf } from '../../src/api/contract-kit.ts';
import { dispatch, type DispatchOptions } from '../../src/api/dispatch.ts';
import { ipcChannels } from '../../src/api/ipc-client.ts';

/**
 * The Electron side of any contract (the KioskApi today; the technician and ops APIs later):
 * one invoke channel and one event channel per contract, both generic, so no channel is
 * written by hand. Every call checks its sender: only the kiosk window's main frame, showing
 * the kiosk's own UI, may call the API.
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

export function registerContractIpc<C extends AnyContract>(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  contract: C,
  handlers: HandlersOf<C>,
  trusted: () => TrustedRenderer | null,
  options: DispatchOptions & {
    /** For staff contracts: each call carries a staff token (third argument) this must accept. */
    readonly authorize?: (token: string) => boolean;
  } = {},
): () => void {
  const channel = ipcChannels(contract).invoke;
  ipcMain.handle(channel, async (event, method: unknown, input: unknown, token: unknown) => {
    const renderer = trusted();
    if (renderer === null || !isTrustedSender(event, renderer)) {
      return { ok: false, error: { code: 'API_UNAUTHORIZED', message: 'The request did not come from the kiosk window.' } };
    }
    if (options.authorize !== undefined && (typeof token !== 'string' || !options.authorize(token))) {
      return { ok: false, error: { code: 'STAFF_SESSION_EXPIRED', message: 'The staff session has ended (signed out, or idle too long).', hint: 'Sign in again with the staff PIN.' } };
    }
    return dispatch(contract, handlers, method, input, options);
  });
  return () => ipcMain.removeHandler(channel);
}

/** Pushes a contract's events to the kiosk window. */
export function forwardContractEvents(contract: AnyContract, events: EventSource, target: () => Pick<WebContents, 'send' | 'isDestroyed'> | null): () => void {
  const channel = ipcChannels(contract).event;
  return events((message) => {
    const contents = target();
    if (contents !== null && !contents.isDestroyed()) contents.send(channel, message);
  });
}

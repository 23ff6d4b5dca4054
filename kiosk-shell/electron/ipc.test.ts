import { describe, expect, it } from 'vitest';
import { kioskApiContract, type KioskApiHandlers } from '../../src/api/contract.ts';
import { IPC_INVOKE_CHANNEL } from '../../src/api/ipc-client.ts';
import { registerContractIpc } from './ipc.ts';

/** A stand-in for Electron's ipcMain with the same handle/removeHandler shape. */
function fakeIpcMain() {
  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  return {
    handlers,
    handle: (channel: string, fn: (event: unknown, ...args: unknown[]) => unknown) => void handlers.set(channel, fn),
    removeHandler: (channel: string) => void handlers.delete(channel),
  };
}

const service = new Proxy({} as KioskApiHandlers, {
  get: (_t, method: string) => () => Promise.resolve(method === 'touch' ? { ok: true } : null),
});

function event(senderId: number, url: string, parent: unknown = null) {
  return { sender: { id: senderId }, senderFrame: { url, parent } };
}

describe('Electron IPC bridge', () => {
  const ipc = fakeIpcMain();
  const unregister = registerContractIpc(ipc as never, kioskApiContract, service, () => ({ webContentsId: 7, urlPrefix: 'file:///opt/adm-kiosk/dist/ui/index.html' }));
  const invoke = ipc.handlers.get(IPC_INVOKE_CHANNEL);

  it('answers the kiosk window', async () => {
    expect(await invoke?.(event(7, 'file:///opt/adm-kiosk/dist/ui/index.html#/'), 'touch', {})).toEqual({ ok: true, value: { ok: true } });
  });

  it('refuses another window, another page, or an iframe', async () => {
    for (const e of [event(8, 'file:///opt/adm-kiosk/dist/ui/index.html'), event(7, 'https://evil.example/'), event(7, 'file:///opt/adm-kiosk/dist/ui/index.html', {})]) {
      expect(await invoke?.(e, 'touch', {})).toMatchObject({ ok: false, error: { code: 'API_UNAUTHORIZED' } });
    }
  });

  it('validates the input like every transport', async () => {
    expect(await invoke?.(event(7, 'file:///opt/adm-kiosk/dist/ui/index.html'), 'submitPin', { pin: 'x' })).toMatchObject({ ok: false, error: { code: 'API_INPUT_INVALID' } });
  });

  it('removes its handler on shutdown', () => {
    unregister();
    expect(ipc.handlers.has(IPC_INVOKE_CHANNEL)).toBe(false);
  });
});

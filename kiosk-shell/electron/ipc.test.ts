import { describe, expect, it } from 'vitest';
import { kioskApiContract, type KioskApiHandlers } from '../../src/api/contract.ts';
import { z } from 'zod';
import { defineContract } from '../../src/api/contract-kit.ts';
import { IPC_INVOKE_CHANNEL, ipcChannels } from '../../src/api/ipc-client.ts';
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

describe('Electron IPC bridge for a staff contract', () => {
  const staffIpc = fakeIpcMain();
  const staffContract = defineContract({ name: 'adm-ops', methods: { whoAmI: { input: z.object({}).strict(), output: z.object({ role: z.string() }) } }, events: {} });
  registerContractIpc(staffIpc as never, staffContract, { whoAmI: () => Promise.resolve({ role: 'ops' }) }, () => ({ webContentsId: 7, urlPrefix: 'file:///ui/' }), {
    authorize: (token) => token === 'live-ops-token',
  });
  const invoke = staffIpc.handlers.get(ipcChannels(staffContract).invoke);

  it('answers only calls carrying a live staff token of its role, from the kiosk window', async () => {
    expect(await invoke?.(event(7, 'file:///ui/index.html'), 'whoAmI', {}, 'live-ops-token')).toEqual({ ok: true, value: { role: 'ops' } });
    expect(await invoke?.(event(7, 'file:///ui/index.html'), 'whoAmI', {}, 'expired')).toMatchObject({ ok: false, error: { code: 'STAFF_SESSION_EXPIRED' } });
    expect(await invoke?.(event(7, 'file:///ui/index.html'), 'whoAmI', {})).toMatchObject({ ok: false, error: { code: 'STAFF_SESSION_EXPIRED' } });
    expect(await invoke?.(event(8, 'file:///ui/index.html'), 'whoAmI', {}, 'live-ops-token')).toMatchObject({ ok: false, error: { code: 'API_UNAUTHORIZED' } });
  });
});

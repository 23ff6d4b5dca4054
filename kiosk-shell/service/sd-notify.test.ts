import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createServiceNotifier, startServiceHeartbeat, watchdogInterval, type NotifyRunner } from './sd-notify.ts';
import { listenNotifySocket, type NotifySocket } from './testing/notify-socket.ts';

/**
 * The heartbeat sender: systemd's own systemd-notify sending to a real AF_UNIX datagram
 * socket (the listener answers its barrier like systemd), plus the rules around it.
 */
let socket: NotifySocket;

beforeAll(async () => {
  socket = await listenNotifySocket();
});

afterAll(() => socket.close());

describe('sending to the service manager (real systemd-notify, real socket)', () => {
  it('READY=1 with a status, WATCHDOG=1, STOPPING=1 arrive in that order', async () => {
    const errors: string[] = [];
    const notifier = createServiceNotifier({ env: { NOTIFY_SOCKET: socket.path, PATH: process.env['PATH'] }, onError: (m) => void errors.push(m) });
    expect(notifier.active).toBe(true);
    const from = socket.messages.length;
    notifier.ready('kiosk in service');
    notifier.watchdog();
    notifier.stopping();
    await notifier.idle();
    expect(errors).toEqual([]);
    expect(socket.messages.slice(from)).toEqual(['READY=1\nSTATUS=kiosk in service', 'WATCHDOG=1', 'STOPPING=1\nSTATUS=stopping']);
  });

  it('a heartbeat loop: READY=1 at once, WATCHDOG=1 every half WatchdogSec, STOPPING=1 when it ends', async () => {
    const notifier = createServiceNotifier({ env: { NOTIFY_SOCKET: socket.path, WATCHDOG_USEC: '1200000', PATH: process.env['PATH'] } });
    expect(notifier.watchdogIntervalMs).toBe(600);
    const from = socket.messages.length;
    const stop = startServiceHeartbeat(notifier, 'kiosk in service');
    await vi.waitFor(() => expect(socket.messages.slice(from).filter((m) => m === 'WATCHDOG=1').length).toBeGreaterThanOrEqual(2), { timeout: 10_000, interval: 50 });
    stop();
    await notifier.idle();
    const sent = socket.messages.slice(from);
    expect(sent[0]).toBe('READY=1\nSTATUS=kiosk in service');
    expect(sent.filter((m) => m === 'WATCHDOG=1').length).toBeGreaterThanOrEqual(2);
    expect(sent.at(-1)).toBe('STOPPING=1\nSTATUS=stopping');
    const count = socket.messages.length;
    await new Promise((resolve) => setTimeout(resolve, 1300));
    expect(socket.messages.length).toBe(count);
  });
});

describe('the rules around it', () => {
  it('outside systemd (no NOTIFY_SOCKET) nothing is sent and nothing is started', async () => {
    const run = vi.fn<NotifyRunner>(() => Promise.resolve());
    const notifier = createServiceNotifier({ env: { WATCHDOG_USEC: '30000000' }, run });
    expect(notifier.active).toBe(false);
    expect(notifier.watchdogIntervalMs).toBeNull();
    notifier.ready('x');
    notifier.watchdog();
    notifier.stopping();
    await notifier.idle();
    expect(run).not.toHaveBeenCalled();
  });

  it('the watchdog interval is half of WatchdogSec, for this process or its parent (a compositor as the main process) only', () => {
    expect(watchdogInterval({ WATCHDOG_USEC: '30000000' }, 10, 1)).toBe(15_000);
    expect(watchdogInterval({ WATCHDOG_USEC: '30000000', WATCHDOG_PID: '10' }, 10, 1)).toBe(15_000);
    expect(watchdogInterval({ WATCHDOG_USEC: '30000000', WATCHDOG_PID: '1' }, 10, 1)).toBe(15_000);
    expect(watchdogInterval({ WATCHDOG_USEC: '30000000', WATCHDOG_PID: '77' }, 10, 1)).toBeNull();
    expect(watchdogInterval({}, 10, 1)).toBeNull();
    expect(watchdogInterval({ WATCHDOG_USEC: '0' }, 10, 1)).toBeNull();
    expect(watchdogInterval({ WATCHDOG_USEC: 'soon' }, 10, 1)).toBeNull();
  });

  it('while one systemd-notify is still running, pings asked for meanwhile collapse into one', async () => {
    let release: () => void = () => undefined;
    const run = vi.fn<NotifyRunner>().mockImplementationOnce(() => new Promise((resolve) => (release = resolve))).mockImplementation(() => Promise.resolve());
    const notifier = createServiceNotifier({ env: { NOTIFY_SOCKET: '/run/notify' }, run });
    notifier.watchdog();
    await vi.waitFor(() => expect(run).toHaveBeenCalledTimes(1));
    for (let i = 0; i < 4; i += 1) notifier.watchdog();
    notifier.status('busy');
    release();
    await notifier.idle();
    expect(run.mock.calls.map((call) => call[1].join(' '))).toEqual(['WATCHDOG=1', 'WATCHDOG=1', 'STATUS=busy']);
  });

  it('systemd-notify missing: reported once, never thrown', async () => {
    const errors: string[] = [];
    const notifier = createServiceNotifier({ env: { NOTIFY_SOCKET: socket.path, PATH: process.env['PATH'] }, binary: '/nonexistent/systemd-notify', onError: (m) => void errors.push(m) });
    notifier.ready('x');
    notifier.watchdog();
    await notifier.idle();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('could not notify the service manager with /nonexistent/systemd-notify');
  });

  it('a systemd-notify that hangs is killed after the timeout and reported', async () => {
    const errors: string[] = [];
    const hanging = join(mkdtempSync(join(tmpdir(), 'adm-notify-hang-')), 'systemd-notify');
    writeFileSync(hanging, '#!/bin/sh\nexec sleep 30\n', { mode: 0o755 });
    const notifier = createServiceNotifier({ env: { NOTIFY_SOCKET: socket.path, PATH: process.env['PATH'] }, binary: hanging, timeoutMs: 300, onError: (m) => void errors.push(m) });
    notifier.watchdog();
    await notifier.idle();
    expect(errors).toEqual([expect.stringContaining('did not finish within 300 ms')]);
  });
});

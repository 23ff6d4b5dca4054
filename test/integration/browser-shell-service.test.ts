import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenNotifySocket, type NotifySocket } from '../../kiosk-shell/service/testing/notify-socket.ts';
import { BIN, ROOT, tempDir } from '../e2e/kiosk-process.ts';

/**
 * `adm-kiosk start` (the browser shell) as a systemd service (docs/install.md): a real kiosk
 * process with systemd's NOTIFY_SOCKET and WATCHDOG_USEC says READY=1 once it serves, sends
 * WATCHDOG=1 while it runs, and STOPPING=1 on SIGTERM before it exits 0.
 */
let socket: NotifySocket;

beforeAll(async () => {
  socket = await listenNotifySocket();
});

afterAll(() => socket.close());

describe('adm-kiosk start under systemd', () => {
  it('READY=1 when it serves, WATCHDOG=1 while it runs, STOPPING=1 and exit 0 on SIGTERM', async () => {
    const dataDir = join(tempDir('adm-service-'), 'data');
    const child = spawn(process.execPath, [BIN, 'start', '--shell', 'browser', '--headless', '--data-dir', dataDir], {
      cwd: ROOT,
      env: { ...process.env, ADM_KIOSK_DATA_DIR: '', DISPLAY: '', NOTIFY_SOCKET: socket.path, WATCHDOG_USEC: '1200000', WATCHDOG_PID: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await socket.next((m) => m.startsWith('READY=1'), 90_000);
      expect(out).toContain('Open the kiosk at: http://127.0.0.1:');
      const ready = socket.messages.findIndex((m) => m.startsWith('READY=1'));
      await socket.next((m) => m === 'WATCHDOG=1' && socket.messages.lastIndexOf(m) > ready, 10_000);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    await socket.next((m) => m.startsWith('STOPPING=1'), 10_000);
  }, 150_000);
});

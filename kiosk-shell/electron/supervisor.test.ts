import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EXIT_RESTART, Supervisor, type SupervisorOptions } from './supervisor.ts';
import { FakeApp, FakeNotifier, FakePowerSaveBlocker, FakeSignals, FakeWindow, fakeCoreLauncher } from './testing/fake-electron.ts';

/**
 * The supervisor (Electron's main process) driven through fakes at Electron's interface and a
 * core the test speaks for; time is vitest's fake clock. What a person would notice: the page
 * shown, reloaded to the attract screen, the app restarted, the exit code, the log lines.
 * core-process.test.ts runs it against a real core process.
 */
const URL_1 = 'http://127.0.0.1:40001/#token=first';
const URL_2 = 'http://127.0.0.1:40002/#token=second';

function setup(options: Partial<SupervisorOptions> = {}, serviceManager = true) {
  const app = new FakeApp();
  const windows: FakeWindow[] = [];
  const { launch, cores } = fakeCoreLauncher();
  const notifier = new FakeNotifier(serviceManager, serviceManager ? 15_000 : null);
  const signals = new FakeSignals();
  const power = new FakePowerSaveBlocker();
  const logs: Array<{ level: string; message: string; forwarded: boolean }> = [];
  const origins: Array<string | null> = [];
  const supervisor = new Supervisor({
    app,
    createWindow: () => {
      const window = new FakeWindow();
      windows.push(window);
      return window;
    },
    launchCore: launch,
    powerSaveBlocker: power,
    notifier,
    log: { write: (level, message, forwarded) => void logs.push({ level, message, forwarded }) },
    setAllowedOrigin: (origin) => void origins.push(origin),
    signals,
    options,
  });
  const window = () => windows.at(-1) ?? expect.fail('no window');
  const core = () => cores.at(-1) ?? expect.fail('no core');
  const logText = () => logs.map((line) => line.message).join('\n');
  return { app, windows, cores, notifier, signals, power, logs, origins, supervisor, window, core, logText };
}

/** Started, the core ready, the page loaded. */
async function running(options: Partial<SupervisorOptions> = {}, serviceManager = true) {
  const s = setup(options, serviceManager);
  await s.supervisor.start();
  s.core().ready(URL_1);
  await vi.advanceTimersByTimeAsync(0);
  s.window().webContents.finishLoad();
  return s;
}

/** The core answers the supervisor's request for a fresh URL. */
async function answerUrl(s: ReturnType<typeof setup>, url: string): Promise<void> {
  await vi.advanceTimersByTimeAsync(0);
  expect(s.core().sent.at(-1)).toEqual({ type: 'launch-url' });
  s.core().emit({ type: 'launch-url', url });
  await vi.advanceTimersByTimeAsync(0);
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('start', () => {
  it('keeps the display awake, opens one window, starts the core, and shows the URL the core hands over', async () => {
    const s = setup();
    await s.supervisor.start();
    expect(s.power.type).toBe('prevent-display-sleep');
    expect(s.power.active.size).toBe(1);
    expect(s.windows).toHaveLength(1);
    expect(s.cores).toHaveLength(1);
    expect(s.window().webContents.loads).toEqual([]);
    s.core().ready(URL_1);
    await vi.advanceTimersByTimeAsync(0);
    expect(s.window().webContents.loads).toEqual([URL_1]);
    expect(s.origins.at(-1)).toBe('http://127.0.0.1:40001');
  });

  it('tells systemd READY=1 once the page has loaded, then WATCHDOG=1 every interval', async () => {
    const s = await running();
    expect(s.notifier.messages).toEqual(['READY=1 STATUS=kiosk in service']);
    s.window().webContents.finishLoad();
    await vi.advanceTimersByTimeAsync(45_000);
    expect(s.notifier.messages.filter((m) => m === 'WATCHDOG=1')).toHaveLength(3);
    expect(s.notifier.messages.filter((m) => m.startsWith('READY=1'))).toHaveLength(1);
  });

  it('what the lock-down refused reaches the application log (through the core)', async () => {
    const s = await running();
    s.supervisor.note('lockdown: navigation blocked: https://example.com');
    expect(s.core().sent.at(-1)).toEqual({ type: 'log', level: 'info', message: 'lockdown: navigation blocked: https://example.com' });
  });

  it('ignores a message from the core it does not know, and says so in the log', async () => {
    const s = await running();
    s.core().emit({ type: 'ready', url: 'not a url' });
    s.core().emit({ hello: 1 });
    expect(s.window().webContents.loads).toEqual([URL_1]);
    expect(s.logText()).toContain('core-message-invalid');
  });
});

describe('renderer recovery', () => {
  it('a crashed renderer: the core ends the session, the window loads a fresh URL (the attract screen), the reason is logged', async () => {
    const s = await running();
    s.window().webContents.renderProcessGone('crashed', 139);
    expect(s.core().kinds()).toContain('end-session');
    await answerUrl(s, URL_1);
    expect(s.window().webContents.loads).toEqual([URL_1, URL_1]);
    expect(s.logText()).toContain('renderer-gone: the page\'s renderer is gone (crashed, exit code 139); reloaded to the attract screen (1 of 3 within 60 s)');
    expect(s.app.exitCode).toBeNull();
  });

  it('a renderer out of memory is reloaded the same way, and logged as such', async () => {
    const s = await running();
    s.window().webContents.renderProcessGone('oom');
    await answerUrl(s, URL_1);
    expect(s.window().webContents.loads).toHaveLength(2);
    expect(s.logText()).toContain('ran out of memory; reloaded to the attract screen');
  });

  it('a hung renderer is killed after the grace period and reloaded once', async () => {
    const s = await running({ unresponsiveGraceMs: 10_000 });
    const contents = s.window().webContents;
    contents.emit('unresponsive');
    await vi.advanceTimersByTimeAsync(9_000);
    expect(contents.crashesForced).toBe(0);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(contents.crashesForced).toBe(1);
    await answerUrl(s, URL_1);
    expect(contents.loads).toHaveLength(2);
    expect(s.logText()).toContain('renderer-unresponsive: the page did not respond for 10 s; its renderer was killed; reloaded to the attract screen (1 of 3 within 60 s)');
  });

  it('a renderer that answers again within the grace period is left alone', async () => {
    const s = await running({ unresponsiveGraceMs: 10_000 });
    const contents = s.window().webContents;
    contents.emit('unresponsive');
    await vi.advanceTimersByTimeAsync(5_000);
    contents.emit('responsive');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(contents.crashesForced).toBe(0);
    expect(contents.loads).toHaveLength(1);
  });

  it('3 renderer failures within 60 s restart the app: the core closes first, then exit for systemd to start it again', async () => {
    const s = await running();
    const contents = s.window().webContents;
    contents.renderProcessGone('crashed');
    await answerUrl(s, URL_1);
    await vi.advanceTimersByTimeAsync(20_000);
    contents.renderProcessGone('oom');
    await answerUrl(s, URL_1);
    await vi.advanceTimersByTimeAsync(20_000);
    contents.renderProcessGone('crashed');
    await vi.advanceTimersByTimeAsync(0);
    expect(s.core().sent.at(-1)).toEqual({ type: 'stop', reason: 'restart' });
    expect(s.app.exitCode).toBeNull();
    s.core().exit(0);
    expect(await s.app.whenExited()).toBe(EXIT_RESTART);
    expect(s.logText()).toContain('3 of 3 within 60 s: restarting the app');
    expect(s.notifier.messages).toContain('STOPPING=1');
  });

  it('without a service manager the app relaunches itself', async () => {
    const s = await running({}, false);
    for (let i = 0; i < 3; i += 1) {
      s.window().webContents.renderProcessGone('crashed');
      await vi.advanceTimersByTimeAsync(0);
      if (i < 2) await answerUrl(s, URL_1);
    }
    s.core().exit(0);
    expect(await s.app.whenExited()).toBe(0);
    expect(s.app.relaunched).toBe(1);
  });

  it('3 failures spread over more than 60 s only reload', async () => {
    const s = await running();
    for (let i = 0; i < 3; i += 1) {
      s.window().webContents.renderProcessGone('crashed');
      await answerUrl(s, URL_1);
      await vi.advanceTimersByTimeAsync(31_000);
    }
    expect(s.app.exitCode).toBeNull();
    expect(s.window().webContents.loads).toHaveLength(4);
  });

  it('a page load that fails is tried again; an aborted load (replaced by another) is not a failure', async () => {
    const s = await running({ loadRetryMs: 2_000 });
    const contents = s.window().webContents;
    contents.failLoad(-3);
    contents.failLoad(-102, false);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(contents.loads).toHaveLength(1);
    contents.failLoad(-102);
    await vi.advanceTimersByTimeAsync(2_000);
    await answerUrl(s, URL_1);
    expect(contents.loads).toHaveLength(2);
    expect(s.logText()).toContain('page-load-failed: error -102');
  });

  it('the kiosk window cannot be closed; if it goes away anyway a new one shows the kiosk', async () => {
    const s = await running();
    expect(s.window().requestClose()).toBe(false);
    s.window().destroy();
    expect(s.windows).toHaveLength(2);
    await answerUrl(s, URL_1);
    expect(s.windows[1]?.webContents.loads).toEqual([URL_1]);
    expect(s.logText()).toContain('window-close-refused');
  });
});

describe('core recovery', () => {
  it('a core that dies is restarted; the window shows the new core\'s URL; nothing is allowed in between', async () => {
    const s = await running({ coreRestartDelayMs: 1_000 });
    s.core().exit(null, 'SIGKILL');
    expect(s.origins.at(-1)).toBeNull();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(s.cores).toHaveLength(2);
    s.core().ready(URL_2);
    await vi.advanceTimersByTimeAsync(0);
    expect(s.window().webContents.loads).toEqual([URL_1, URL_2]);
    expect(s.origins.at(-1)).toBe('http://127.0.0.1:40002');
    expect(s.logText()).toContain('core-exited: the kiosk core exited (signal SIGKILL); restarting it (1 of 3 within 60 s); its open job is settled by its start-up recovery');
  });

  it('what the supervisor logged while the core was down reaches the new core\'s application log', async () => {
    const s = await running();
    s.cores[0]?.exit(1);
    await vi.advanceTimersByTimeAsync(1_000);
    s.core().ready(URL_2);
    const forwarded = s.core().sent.filter((m) => m.type === 'log').map((m) => (m.type === 'log' ? m.message : ''));
    expect(forwarded.some((m) => m.startsWith('core-exited: the kiosk core exited (code 1)'))).toBe(true);
    expect(forwarded.some((m) => m.startsWith('core-ready'))).toBe(true);
  });

  it('a core that stops sending heartbeats is killed, then restarted', async () => {
    const s = await running({ coreHeartbeatTimeoutMs: 30_000 });
    for (let i = 0; i < 10; i += 1) {
      await vi.advanceTimersByTimeAsync(2_000);
      s.core().emit({ type: 'heartbeat' });
    }
    expect(s.core().killed).toBe(0);
    await vi.advanceTimersByTimeAsync(40_000);
    expect(s.core().killed).toBe(1);
    expect(s.logText()).toMatch(/core-unresponsive: no heartbeat from the kiosk core for 3\d s; killed/);
    s.core().exit(null, 'SIGKILL');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(s.cores).toHaveLength(2);
    expect(s.logText()).toContain('the kiosk core was killed (signal SIGKILL)');
  });

  it('a core that never gets ready is killed after the start timeout', async () => {
    const s = setup({ coreStartTimeoutMs: 60_000 });
    await s.supervisor.start();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(s.core().killed).toBe(1);
    expect(s.logText()).toContain('core-start-timeout');
  });

  it('3 core failures within 60 s restart the app', async () => {
    const s = await running();
    for (let i = 0; i < 3; i += 1) {
      s.core().exit(1);
      await vi.advanceTimersByTimeAsync(1_000);
    }
    expect(await s.app.whenExited()).toBe(EXIT_RESTART);
    expect(s.cores).toHaveLength(3);
  });

  it('a configuration the core cannot run stops the app with exit code 2: restarting would not help', async () => {
    const s = setup();
    await s.supervisor.start();
    s.core().emit({ type: 'failed', error: { code: 'CONFIG_INVALID', message: 'printer.profile "x" is unknown.' }, exitCode: 2 });
    s.core().exit(2);
    expect(await s.app.whenExited()).toBe(2);
    expect(s.cores).toHaveLength(1);
    expect(s.logText()).toContain('core-start-failed: CONFIG_INVALID: printer.profile "x" is unknown.');
  });
});

describe('stopping', () => {
  it('SIGTERM: STOPPING=1, the core is asked to close the kiosk, the app exits 0 once it has, the display may sleep again', async () => {
    const s = await running();
    s.signals.raise('SIGTERM');
    await vi.advanceTimersByTimeAsync(0);
    expect(s.notifier.messages).toContain('STOPPING=1');
    expect(s.core().sent.at(-1)).toEqual({ type: 'stop', reason: 'SIGTERM' });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(s.app.exitCode).toBeNull();
    s.core().exit(0);
    expect(await s.app.whenExited()).toBe(0);
    expect(s.power.active.size).toBe(0);
    expect(s.signals.listenerCount('SIGTERM')).toBe(0);
  });

  it('SIGINT does the same', async () => {
    const s = await running();
    s.signals.raise('SIGINT');
    s.core().exit(0);
    expect(await s.app.whenExited()).toBe(0);
    expect(s.logText()).toContain('stopping: SIGINT received');
  });

  it('a core that does not close in time is killed, and the app still exits 0', async () => {
    const s = await running({ stopGraceMs: 20_000 });
    s.signals.raise('SIGTERM');
    await vi.advanceTimersByTimeAsync(20_000);
    expect(s.core().killed).toBe(1);
    expect(await s.app.whenExited()).toBe(0);
    expect(s.logText()).toContain('stop-timeout');
  });

  it('a stop while the core is down (between restarts) exits at once and starts no new core', async () => {
    const s = await running({ coreRestartDelayMs: 1_000 });
    s.core().exit(1);
    s.signals.raise('SIGTERM');
    expect(await s.app.whenExited()).toBe(0);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(s.cores).toHaveLength(1);
  });

  it('no watchdog pings and no reloads once stopping', async () => {
    const s = await running();
    s.signals.raise('SIGTERM');
    await vi.advanceTimersByTimeAsync(0);
    const pings = s.notifier.messages.length;
    s.window().webContents.renderProcessGone('crashed');
    await vi.advanceTimersByTimeAsync(16_000);
    expect(s.notifier.messages.length).toBe(pings);
    expect(s.window().webContents.loads).toHaveLength(1);
    s.core().exit(0);
    await s.app.whenExited();
  });
});

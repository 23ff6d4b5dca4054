import type { ServiceNotifier } from '../service/sd-notify.ts';
import { coreToMainSchema, EXIT_CONFIG, type CoreToMain } from './core-protocol.ts';
import type { CoreHandle, CoreLauncher } from './core-handle.ts';
import { CrashWindow } from './crash-window.ts';
import type { AppPort, PowerSaveBlockerPort, RenderProcessGoneDetails, WindowPort } from './electron-ports.ts';

/**
 * Electron's main process as a small supervisor, written against injected Electron objects
 * (electron-ports.ts) so that supervisor.test.ts drives it with fakes at Electron's own
 * interface and core-process.test.ts with a real core process. It:
 *
 * - starts the kiosk core (core-handle.ts) and shows the locked-down window on the URL the
 *   core hands over on its private channel (the token never leaves the two processes);
 * - restarts the core when it exits or stops answering (no heartbeat), reloads the window on
 *   the new core's URL; start-up recovery settles any job the dead core left open;
 * - reloads a renderer that crashed, ran out of memory or hung, to the attract screen (it
 *   tells the core to end the session first), and restarts the whole app after
 *   `crashLimit` renderer (or core) failures within `crashWindowMs`;
 * - keeps the display awake, tells systemd READY=1 and WATCHDOG=1;
 * - on SIGTERM/SIGINT asks the core to close the kiosk (the open job honestly, per the print
 *   transaction table) and exits 0 once it has.
 *
 * Every event is logged with its reason, never personal data (the supervisor has none).
 */
export interface SupervisorOptions {
  readonly crashLimit: number;
  readonly crashWindowMs: number;
  /** A renderer unresponsive this long is killed and reloaded. */
  readonly unresponsiveGraceMs: number;
  /** A core silent this long (no heartbeat) is killed and restarted. */
  readonly coreHeartbeatTimeoutMs: number;
  /** A core not ready this long after it was started is killed and restarted. */
  readonly coreStartTimeoutMs: number;
  readonly coreRestartDelayMs: number;
  /** How long a stopping core may take to close the kiosk before it is killed. */
  readonly stopGraceMs: number;
  /** Wait before loading the page again after a failed load. */
  readonly loadRetryMs: number;
  /** How long the core may take to answer a request for a fresh launch URL. */
  readonly urlTimeoutMs: number;
}

export const DEFAULT_SUPERVISOR_OPTIONS: SupervisorOptions = {
  crashLimit: 3,
  crashWindowMs: 60_000,
  unresponsiveGraceMs: 10_000,
  coreHeartbeatTimeoutMs: 30_000,
  coreStartTimeoutMs: 120_000,
  coreRestartDelayMs: 1_000,
  stopGraceMs: 20_000,
  loadRetryMs: 2_000,
  urlTimeoutMs: 5_000,
};

/** Exit code that asks the service manager for a fresh start (Restart=always restarts on it). */
export const EXIT_RESTART = 75;

export interface SupervisorLogSink {
  /** One supervisor event (stderr/journald); `forwarded` when the core's application log takes it too. */
  write(level: 'info' | 'warn', message: string, forwarded: boolean): void;
}

export interface SignalSource {
  on(signal: 'SIGTERM' | 'SIGINT', listener: () => void): unknown;
  off(signal: 'SIGTERM' | 'SIGINT', listener: () => void): unknown;
}

export interface SupervisorDeps {
  readonly app: Pick<AppPort, 'whenReady' | 'relaunch' | 'exit'>;
  readonly createWindow: () => WindowPort;
  readonly launchCore: CoreLauncher;
  readonly powerSaveBlocker: PowerSaveBlockerPort;
  readonly notifier: ServiceNotifier;
  readonly log: SupervisorLogSink;
  /** Where the lock-down learns which origin the window may show (null: none). */
  readonly setAllowedOrigin: (origin: string | null) => void;
  readonly signals: SignalSource;
  readonly options?: Partial<SupervisorOptions>;
  readonly now?: () => number;
}

type Timer = ReturnType<typeof setTimeout>;
type CoreState = 'down' | 'starting' | 'ready';

/** Chromium's net error for a load that was replaced by another one: not a failure. */
const ERR_ABORTED = -3;

export class Supervisor {
  private readonly options: SupervisorOptions;
  private readonly now: () => number;
  private readonly rendererFailures: CrashWindow;
  private readonly coreFailures: CrashWindow;
  private window: WindowPort | null = null;
  private core: CoreHandle | null = null;
  private coreGeneration = 0;
  private coreState: CoreState = 'down';
  private coreKilled = false;
  private configFailed = false;
  private lastBeat = 0;
  private launchUrl: string | null = null;
  private readyNotified = false;
  private expectRendererGone = false;
  private powerSaveId: number | null = null;
  private stopping: Promise<number> | null = null;
  private coreExited: (() => void) | null = null;
  private readonly logQueue: Array<{ level: 'info' | 'warn'; message: string }> = [];
  private pendingUrl: { resolve: (url: string) => void; timer: Timer } | null = null;
  private readonly timers = new Set<Timer>();
  private unresponsiveTimer: Timer | null = null;
  private intervals: Array<ReturnType<typeof setInterval>> = [];
  private readonly onSigterm = () => this.onSignal('SIGTERM');
  private readonly onSigint = () => this.onSignal('SIGINT');

  constructor(private readonly deps: SupervisorDeps) {
    this.options = { ...DEFAULT_SUPERVISOR_OPTIONS, ...deps.options };
    this.now = deps.now ?? (() => Date.now());
    this.rendererFailures = new CrashWindow(this.options.crashLimit, this.options.crashWindowMs);
    this.coreFailures = new CrashWindow(this.options.crashLimit, this.options.crashWindowMs);
  }

  /** Resolves once the window is open and the core started (not yet ready). */
  async start(): Promise<void> {
    this.deps.signals.on('SIGTERM', this.onSigterm);
    this.deps.signals.on('SIGINT', this.onSigint);
    await this.deps.app.whenReady();
    if (this.stopping !== null) return;
    this.powerSaveId = this.deps.powerSaveBlocker.start('prevent-display-sleep');
    this.openWindow();
    this.startCore();
    const heartbeatCheck = setInterval(() => this.checkCoreHeartbeat(), Math.max(250, Math.floor(this.options.coreHeartbeatTimeoutMs / 4)));
    this.intervals.push(heartbeatCheck);
    const watchdog = this.deps.notifier.watchdogIntervalMs;
    if (watchdog !== null) this.intervals.push(setInterval(() => this.deps.notifier.watchdog(), watchdog));
  }

  /** Stops the kiosk (core closes the job, then exits) and exits the app with `exitCode`. */
  stop(reason: string, exitCode = 0, relaunch = false): Promise<number> {
    if (this.stopping !== null) return this.stopping;
    this.stopping = this.shutdown(reason, exitCode, relaunch);
    return this.stopping;
  }

  /** Another part of the shell (the lock-down) has something for the application log. */
  note(message: string): void {
    this.log('info', message);
  }

  // --- logging -------------------------------------------------------------------------

  private log(level: 'info' | 'warn', message: string): void {
    const forwarded = this.core !== null && this.coreState === 'ready';
    this.deps.log.write(level, message, forwarded);
    if (forwarded) this.core?.send({ type: 'log', level, message });
    else if (this.logQueue.length < 100) this.logQueue.push({ level, message });
  }

  private flushLog(): void {
    for (let line = this.logQueue.shift(); line !== undefined; line = this.logQueue.shift()) this.core?.send({ type: 'log', ...line });
  }

  // --- timers --------------------------------------------------------------------------

  private later(ms: number, action: () => void): Timer {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      action();
    }, ms);
    this.timers.add(timer);
    return timer;
  }

  private cancel(timer: Timer | null): void {
    if (timer === null) return;
    clearTimeout(timer);
    this.timers.delete(timer);
  }

  // --- the window ----------------------------------------------------------------------

  private openWindow(): void {
    const window = this.deps.createWindow();
    this.window = window;
    window.on('close', (event) => {
      if (this.stopping !== null) return;
      event.preventDefault();
      this.log('warn', 'window-close-refused: the kiosk window cannot be closed while the kiosk runs');
    });
    window.on('closed', () => {
      if (this.window === window) this.window = null;
      if (this.stopping !== null) return;
      this.log('warn', 'window-closed: the kiosk window went away; opening a new one');
      this.openWindow();
      this.loadKioskPage();
    });
    const contents = window.webContents;
    contents.on('render-process-gone', (_event, details) => this.onRendererGone(details));
    contents.on('unresponsive', () => this.onUnresponsive());
    contents.on('responsive', () => {
      this.cancel(this.unresponsiveTimer);
      this.unresponsiveTimer = null;
    });
    contents.on('did-fail-load', (_event, errorCode, _description, _url, isMainFrame) => {
      if (!isMainFrame || errorCode === ERR_ABORTED || this.stopping !== null) return;
      this.log('warn', `page-load-failed: error ${errorCode}; trying again in ${Math.round(this.options.loadRetryMs / 1000)} s`);
      this.later(this.options.loadRetryMs, () => this.loadKioskPage());
    });
    contents.on('did-finish-load', () => {
      if (this.readyNotified || this.coreState !== 'ready') return;
      this.readyNotified = true;
      this.deps.notifier.ready('kiosk in service');
      this.log('info', 'ready: the kiosk window shows the kiosk');
    });
  }

  /** Loads a fresh launch URL from the core into the window (nothing while the core is down: its ready message loads it). */
  private loadKioskPage(): void {
    if (this.stopping !== null || this.coreState !== 'ready') return;
    this.freshLaunchUrl()
      .then((url) => {
        const window = this.window;
        if (window === null || window.isDestroyed() || this.stopping !== null) return;
        return window.webContents.loadURL(url);
      })
      // A failed load is reported by did-fail-load, which retries.
      .catch(() => undefined);
  }

  private freshLaunchUrl(): Promise<string> {
    const fallback = this.launchUrl;
    if (this.core === null) return fallback === null ? Promise.reject(new Error('no core')) : Promise.resolve(fallback);
    if (this.pendingUrl !== null) {
      this.cancel(this.pendingUrl.timer);
      this.pendingUrl.resolve(fallback ?? '');
    }
    return new Promise((resolve) => {
      const timer = this.later(this.options.urlTimeoutMs, () => {
        this.pendingUrl = null;
        resolve(this.launchUrl ?? '');
      });
      this.pendingUrl = { resolve, timer };
      this.core?.send({ type: 'launch-url' });
    });
  }

  private onRendererGone(details: RenderProcessGoneDetails): void {
    if (this.stopping !== null) return;
    if (this.expectRendererGone) {
      // We killed it (hung); its recovery is already under way.
      this.expectRendererGone = false;
      return;
    }
    this.recoverRenderer(`renderer-gone: the page's renderer ${details.reason === 'oom' ? 'ran out of memory' : `is gone (${details.reason}, exit code ${details.exitCode})`}`);
  }

  private onUnresponsive(): void {
    if (this.unresponsiveTimer !== null || this.stopping !== null) return;
    this.unresponsiveTimer = this.later(this.options.unresponsiveGraceMs, () => {
      this.unresponsiveTimer = null;
      const window = this.window;
      if (window === null || window.isDestroyed()) return;
      this.expectRendererGone = true;
      window.webContents.forcefullyCrashRenderer();
      this.recoverRenderer(`renderer-unresponsive: the page did not respond for ${Math.round(this.options.unresponsiveGraceMs / 1000)} s; its renderer was killed`);
    });
  }

  private recoverRenderer(reason: string): void {
    this.cancel(this.unresponsiveTimer);
    this.unresponsiveTimer = null;
    const count = this.rendererFailures.record(this.now());
    const within = `${count} of ${this.options.crashLimit} within ${Math.round(this.options.crashWindowMs / 1000)} s`;
    if (this.rendererFailures.exceeded(count)) {
      this.log('warn', `${reason}; ${within}: restarting the app`);
      this.restartApp();
      return;
    }
    this.log('warn', `${reason}; reloaded to the attract screen (${within})`);
    if (this.coreState === 'ready') this.core?.send({ type: 'end-session', reason: 'the kiosk window was reloaded' });
    this.loadKioskPage();
  }

  // --- the core ------------------------------------------------------------------------

  private startCore(): void {
    const generation = ++this.coreGeneration;
    this.coreState = 'starting';
    this.coreKilled = false;
    this.lastBeat = this.now();
    const startTimer = this.later(this.options.coreStartTimeoutMs, () => {
      if (generation !== this.coreGeneration || this.coreState !== 'starting') return;
      this.log('warn', `core-start-timeout: the kiosk core was not ready within ${Math.round(this.options.coreStartTimeoutMs / 1000)} s; killed`);
      this.killCore();
    });
    this.core = this.deps.launchCore({
      message: (raw) => {
        if (generation === this.coreGeneration) this.onCoreMessage(raw, startTimer);
      },
      exit: (code, signal) => {
        if (generation !== this.coreGeneration) return;
        this.cancel(startTimer);
        this.onCoreExit(code, signal);
      },
    });
  }

  private onCoreMessage(raw: unknown, startTimer: Timer): void {
    const parsed = coreToMainSchema.safeParse(raw);
    if (!parsed.success) {
      this.log('warn', 'core-message-invalid: the kiosk core sent a message the supervisor does not know; ignored');
      return;
    }
    const message: CoreToMain = parsed.data;
    switch (message.type) {
      case 'heartbeat':
        this.lastBeat = this.now();
        return;
      case 'ready': {
        this.cancel(startTimer);
        this.coreState = 'ready';
        this.lastBeat = this.now();
        this.launchUrl = message.url;
        this.deps.setAllowedOrigin(new URL(message.url).origin);
        this.flushLog();
        this.log('info', `core-ready: the kiosk core serves the UI (pid ${this.core?.pid ?? 'unknown'})`);
        const window = this.window;
        if (window !== null && !window.isDestroyed() && this.stopping === null) window.webContents.loadURL(message.url).catch(() => undefined);
        return;
      }
      case 'launch-url': {
        this.launchUrl = message.url;
        const pending = this.pendingUrl;
        this.pendingUrl = null;
        if (pending !== null) {
          this.cancel(pending.timer);
          pending.resolve(message.url);
        }
        return;
      }
      case 'failed':
        if (message.exitCode === EXIT_CONFIG) this.configFailed = true;
        this.log('warn', `core-start-failed: ${message.error.code}: ${message.error.message}${message.error.hint === undefined ? '' : ` (${message.error.hint})`}`);
        return;
    }
  }

  private onCoreExit(code: number | null, signal: string | null): void {
    const wasReady = this.coreState === 'ready';
    this.coreState = 'down';
    this.core = null;
    this.deps.setAllowedOrigin(null);
    if (this.pendingUrl !== null) {
      this.cancel(this.pendingUrl.timer);
      this.pendingUrl.resolve(this.launchUrl ?? '');
      this.pendingUrl = null;
    }
    if (this.stopping !== null) {
      this.coreExited?.();
      return;
    }
    const how = signal !== null ? `signal ${signal}` : `code ${code ?? 'unknown'}`;
    if (this.configFailed) {
      this.log('warn', `core-exited: ${how}; the configuration cannot run, so the kiosk stops (fix it, then restart the service)`);
      this.requestStop('configuration', EXIT_CONFIG);
      return;
    }
    const count = this.coreFailures.record(this.now());
    const within = `${count} of ${this.options.crashLimit} within ${Math.round(this.options.crashWindowMs / 1000)} s`;
    const what = this.coreKilled ? 'was killed' : wasReady ? 'exited' : 'exited before it was ready';
    if (this.coreFailures.exceeded(count)) {
      this.log('warn', `core-exited: the kiosk core ${what} (${how}); ${within}: restarting the app`);
      this.restartApp();
      return;
    }
    this.log('warn', `core-exited: the kiosk core ${what} (${how}); restarting it (${within}); its open job is settled by its start-up recovery`);
    this.later(this.options.coreRestartDelayMs, () => {
      if (this.stopping === null) this.startCore();
    });
  }

  private checkCoreHeartbeat(): void {
    if (this.stopping !== null || this.coreState !== 'ready' || this.coreKilled) return;
    const silent = this.now() - this.lastBeat;
    if (silent <= this.options.coreHeartbeatTimeoutMs) return;
    this.log('warn', `core-unresponsive: no heartbeat from the kiosk core for ${Math.round(silent / 1000)} s; killed`);
    this.killCore();
  }

  private killCore(): void {
    this.coreKilled = true;
    this.core?.kill();
  }

  // --- stopping ------------------------------------------------------------------------

  private onSignal(signal: 'SIGTERM' | 'SIGINT'): void {
    if (this.stopping !== null) return;
    this.log('info', `stopping: ${signal} received; closing the kiosk`);
    this.requestStop(signal, 0);
  }

  /** Under a service manager: exit for it to start us again (it counts the starts); alone: relaunch ourselves. */
  private restartApp(): void {
    if (this.deps.notifier.active) this.requestStop('restart', EXIT_RESTART);
    else this.requestStop('restart', 0, true);
  }

  private requestStop(reason: string, exitCode: number, relaunch = false): void {
    this.stop(reason, exitCode, relaunch).catch((error: unknown) => {
      this.deps.log.write('warn', `stop-failed: ${error instanceof Error ? error.name : 'error'} while stopping; exiting with code 1`, false);
      this.deps.app.exit(1);
    });
  }

  private async shutdown(reason: string, exitCode: number, relaunch: boolean): Promise<number> {
    this.deps.notifier.stopping();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const interval of this.intervals) clearInterval(interval);
    this.intervals = [];
    const core = this.core;
    if (core !== null) {
      const exited = new Promise<boolean>((resolve) => {
        const grace = setTimeout(() => resolve(false), this.options.stopGraceMs);
        this.coreExited = () => {
          clearTimeout(grace);
          resolve(true);
        };
      });
      core.send({ type: 'stop', reason });
      if (!(await exited)) {
        this.log('warn', `stop-timeout: the kiosk core did not close within ${Math.round(this.options.stopGraceMs / 1000)} s; killed (its start-up recovery settles the job)`);
        core.kill();
      }
    }
    if (this.powerSaveId !== null) this.deps.powerSaveBlocker.stop(this.powerSaveId);
    this.deps.signals.off('SIGTERM', this.onSigterm);
    this.deps.signals.off('SIGINT', this.onSigint);
    await this.deps.notifier.idle();
    if (relaunch) this.deps.app.relaunch();
    this.deps.log.write('info', `exit: the app exits with code ${exitCode}${relaunch ? ' and starts again' : ''}`, false);
    this.deps.app.exit(exitCode);
    return exitCode;
  }
}

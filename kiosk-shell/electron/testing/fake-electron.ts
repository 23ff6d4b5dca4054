import { EventEmitter } from 'node:events';
import type { MainToCore } from '../core-protocol.ts';
import type { CoreEvents, CoreHandle, CoreLauncher } from '../core-handle.ts';
import type {
  AppPort,
  KeyInput,
  OnBeforeRequestDetails,
  OnHeadersReceivedDetails,
  PowerSaveBlockerPort,
  RenderProcessGoneReason,
  SessionPort,
  WebContentsPort,
  WebRequestPort,
  WindowPort,
} from '../electron-ports.ts';
import type { ServiceNotifier } from '../../service/sd-notify.ts';

/**
 * Test support: Electron's objects as the supervisor and the lock-down see them
 * (electron-ports.ts, which Electron's real types are checked to fit), with the events
 * Electron would emit. Like the fake HID device for node-hid: the code under test cannot tell
 * them from Electron. Not packaged (electron-builder leaves testing/ folders out).
 */
export interface FakeEvent {
  readonly url: string;
  defaultPrevented: boolean;
  preventDefault(): void;
}

export function fakeEvent(url = ''): FakeEvent {
  const event: FakeEvent = {
    url,
    defaultPrevented: false,
    preventDefault: () => {
      event.defaultPrevented = true;
    },
  };
  return event;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- EventEmitter's own listener type, as Electron's classes extend it */
type Listener = (...args: any[]) => void;
/* eslint-enable @typescript-eslint/no-explicit-any */

export class FakeWebContents extends EventEmitter implements WebContentsPort {
  private static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  readonly loads: string[] = [];
  url = '';
  destroyed = false;
  crashesForced = 0;
  devToolsClosed = 0;
  zoomFactor = 1;
  visualZoomLimits: [number, number] | null = null;
  private windowOpenHandler: ((details: { readonly url: string }) => { action: 'deny' }) | null = null;

  override on(event: string, listener: Listener): this {
    return super.on(event, listener);
  }

  getURL(): string {
    return this.url;
  }

  loadURL(url: string): Promise<void> {
    this.loads.push(url);
    this.url = url;
    return Promise.resolve();
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  /** Electron kills the renderer and emits render-process-gone (reason killed). */
  forcefullyCrashRenderer(): void {
    this.crashesForced += 1;
    this.emit('render-process-gone', fakeEvent(), { reason: 'killed', exitCode: 9 });
  }

  closeDevTools(): void {
    this.devToolsClosed += 1;
  }

  setZoomFactor(factor: number): void {
    this.zoomFactor = factor;
  }

  setVisualZoomLevelLimits(minimumLevel: number, maximumLevel: number): Promise<void> {
    this.visualZoomLimits = [minimumLevel, maximumLevel];
    return Promise.resolve();
  }

  setWindowOpenHandler(handler: (details: { readonly url: string }) => { action: 'deny' }): void {
    this.windowOpenHandler = handler;
  }

  // --- what the page or Chromium would do --------------------------------------------

  /** window.open() from the page: what the handler answers (allow when there is none, as in Electron). */
  openWindow(url: string): 'allow' | 'deny' {
    return this.windowOpenHandler?.({ url }).action ?? 'allow';
  }

  /** A renderer-initiated navigation: true when it went ahead. */
  navigate(url: string, event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate' = 'will-navigate'): boolean {
    const e = fakeEvent(url);
    this.emit(event, e);
    return !e.defaultPrevented;
  }

  /** A key press: true when it reached the page. */
  press(input: Partial<KeyInput> & { key: string }): boolean {
    const e = fakeEvent();
    this.emit('before-input-event', e, { type: 'keyDown', code: '', control: false, shift: false, alt: false, meta: false, ...input });
    return !e.defaultPrevented;
  }

  /** Emits a preventable event; true when nobody prevented it. */
  fire(event: 'will-attach-webview' | 'will-prevent-unload' | 'context-menu'): boolean {
    const e = fakeEvent();
    this.emit(event, e);
    return !e.defaultPrevented;
  }

  renderProcessGone(reason: RenderProcessGoneReason, exitCode = 139): void {
    this.emit('render-process-gone', fakeEvent(), { reason, exitCode });
  }

  finishLoad(): void {
    this.emit('did-finish-load');
  }

  failLoad(errorCode: number, isMainFrame = true): void {
    this.emit('did-fail-load', fakeEvent(), errorCode, 'failed', this.url, isMainFrame);
  }
}

export class FakeWindow extends EventEmitter implements WindowPort {
  readonly webContents = new FakeWebContents();
  destroyed = false;

  override on(event: string, listener: Listener): this {
    return super.on(event, listener);
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  destroy(): void {
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }

  /** The user (or the compositor) asks the window to close: true when it closed. */
  requestClose(): boolean {
    const e = fakeEvent();
    this.emit('close', e);
    if (e.defaultPrevented) return false;
    this.destroy();
    return true;
  }
}

export class FakeWebRequest implements WebRequestPort {
  private before: ((details: OnBeforeRequestDetails, callback: (response: { cancel?: boolean }) => void) => void) | null = null;
  private headers: ((details: OnHeadersReceivedDetails, callback: (response: { responseHeaders?: Record<string, string[]> }) => void) => void) | null = null;
  filters: Array<{ urls: string[] }> = [];

  onBeforeRequest(filter: { urls: string[] }, listener: typeof this.before): void {
    this.filters.push(filter);
    this.before = listener;
  }

  onHeadersReceived(filter: { urls: string[] }, listener: typeof this.headers): void {
    this.filters.push(filter);
    this.headers = listener;
  }

  /** A request the page makes: true when it may go out. */
  request(url: string, resourceType = 'xhr'): boolean {
    let cancel = false;
    this.before?.({ url, resourceType }, (response) => (cancel = response.cancel === true));
    return !cancel;
  }

  /** A response's headers as the page will see them. */
  respond(url: string, responseHeaders: Record<string, string[]> = {}): Record<string, string[]> {
    let out = responseHeaders;
    this.headers?.({ url, resourceType: 'mainFrame', responseHeaders }, (response) => (out = response.responseHeaders ?? responseHeaders));
    return out;
  }
}

export class FakeSession extends EventEmitter implements SessionPort {
  readonly webRequest = new FakeWebRequest();
  spellChecker = true;
  private permissionRequest: Parameters<SessionPort['setPermissionRequestHandler']>[0] = null;
  private permissionCheck: Parameters<SessionPort['setPermissionCheckHandler']>[0] = null;
  private devicePermission: Parameters<SessionPort['setDevicePermissionHandler']>[0] = null;
  private displayMedia: Parameters<SessionPort['setDisplayMediaRequestHandler']>[0] = null;

  override on(event: string, listener: Listener): this {
    return super.on(event, listener);
  }

  setPermissionRequestHandler(handler: typeof this.permissionRequest): void {
    this.permissionRequest = handler;
  }

  setPermissionCheckHandler(handler: typeof this.permissionCheck): void {
    this.permissionCheck = handler;
  }

  setDevicePermissionHandler(handler: typeof this.devicePermission): void {
    this.devicePermission = handler;
  }

  setDisplayMediaRequestHandler(handler: typeof this.displayMedia): void {
    this.displayMedia = handler;
  }

  setSpellCheckerEnabled(enable: boolean): void {
    this.spellChecker = enable;
  }

  /** What the page gets when it asks for a permission ('granted' when no handler is set, as in Electron). */
  requestPermission(permission: string, contents: WebContentsPort = new FakeWebContents()): boolean {
    let granted = true;
    this.permissionRequest?.(contents, permission, (answer) => (granted = answer));
    return granted;
  }

  checkPermission(permission: string): boolean {
    return this.permissionCheck?.(null, permission, 'http://127.0.0.1') ?? true;
  }

  askDevicePermission(deviceType: string): boolean {
    return this.devicePermission?.({ deviceType, origin: 'http://127.0.0.1' }) ?? true;
  }

  /** getDisplayMedia(): true when a stream would be handed over. */
  captureScreen(): boolean {
    if (this.displayMedia === null) return false;
    let streams: Record<string, unknown> = { video: 'default' };
    this.displayMedia({}, (answer) => (streams = answer));
    return Object.keys(streams).length > 0;
  }

  /**
   * A device chooser (navigator.hid/serial/usb.requestDevice): what the handler answered
   * (no device: null, '' or undefined), or `{ chooser: true }` when nobody handled it and
   * Electron would pick the first device.
   */
  chooseDevice(kind: 'select-hid-device' | 'select-serial-port' | 'select-usb-device'): string | null | undefined | { chooser: true } {
    const e = fakeEvent();
    let answer: string | null | undefined = 'not answered';
    const callback = (id?: string | null) => (answer = id);
    if (kind === 'select-serial-port') this.emit(kind, e, [{ portId: 'ttyUSB0' }], {}, callback);
    else this.emit(kind, e, { deviceList: [{ deviceId: 'reader' }] }, callback);
    return e.defaultPrevented ? answer : { chooser: true };
  }

  /** A download: true when it went ahead. */
  download(): boolean {
    const e = fakeEvent();
    this.emit('will-download', e, {}, {});
    return !e.defaultPrevented;
  }
}

export class FakeApp extends EventEmitter implements AppPort {
  readonly switches: Array<[string, string | undefined]> = [];
  readonly commandLine = { appendSwitch: (name: string, value?: string) => void this.switches.push([name, value]) };
  sandboxed = false;
  relaunched = 0;
  exitCode: number | null = null;
  singleInstance = true;
  private readonly exited: Promise<number>;
  private resolveExit: (code: number) => void = () => undefined;

  constructor() {
    super();
    this.exited = new Promise((resolve) => (this.resolveExit = resolve));
  }

  override on(event: string, listener: Listener): this {
    return super.on(event, listener);
  }

  whenReady(): Promise<void> {
    return Promise.resolve();
  }

  enableSandbox(): void {
    this.sandboxed = true;
  }

  requestSingleInstanceLock(): boolean {
    return this.singleInstance;
  }

  relaunch(): void {
    this.relaunched += 1;
  }

  exit(exitCode = 0): void {
    this.exitCode = exitCode;
    this.resolveExit(exitCode);
  }

  /** Resolves with the code the app exits with. */
  whenExited(): Promise<number> {
    return this.exited;
  }
}

export class FakePowerSaveBlocker implements PowerSaveBlockerPort {
  readonly active = new Set<number>();
  private next = 1;
  type: string | null = null;

  start(type: 'prevent-display-sleep'): number {
    this.type = type;
    const id = this.next++;
    this.active.add(id);
    return id;
  }

  stop(id: number): boolean {
    return this.active.delete(id);
  }
}

/** A kiosk core the test speaks for: it records what main sends and emits what a core would. */
export class FakeCore implements CoreHandle {
  readonly sent: MainToCore[] = [];
  killed = 0;
  exited = false;

  constructor(
    private readonly events: CoreEvents,
    readonly pid: number,
  ) {}

  send(message: MainToCore): void {
    this.sent.push(message);
  }

  kill(): void {
    this.killed += 1;
  }

  emit(message: unknown): void {
    this.events.message(message);
  }

  ready(url: string): void {
    this.emit({ type: 'ready', url });
  }

  exit(code: number | null, signal: string | null = null): void {
    this.exited = true;
    this.events.exit(code, signal);
  }

  /** The kinds of messages main sent, in order. */
  kinds(): string[] {
    return this.sent.map((message) => message.type);
  }
}

export function fakeCoreLauncher(): { launch: CoreLauncher; cores: FakeCore[] } {
  const cores: FakeCore[] = [];
  return {
    cores,
    launch: (events) => {
      const core = new FakeCore(events, 1000 + cores.length);
      cores.push(core);
      return core;
    },
  };
}

export class FakeNotifier implements ServiceNotifier {
  readonly messages: string[] = [];

  constructor(
    readonly active = true,
    readonly watchdogIntervalMs: number | null = 15_000,
  ) {}

  ready(status: string): void {
    this.messages.push(`READY=1 STATUS=${status}`);
  }

  watchdog(): void {
    this.messages.push('WATCHDOG=1');
  }

  status(text: string): void {
    this.messages.push(`STATUS=${text}`);
  }

  stopping(): void {
    this.messages.push('STOPPING=1');
  }

  idle(): Promise<void> {
    return Promise.resolve();
  }
}

/** process-like signal source the test can raise. */
export class FakeSignals extends EventEmitter {
  override on(event: 'SIGTERM' | 'SIGINT', listener: () => void): this {
    return super.on(event, listener);
  }

  override off(event: 'SIGTERM' | 'SIGINT', listener: () => void): this {
    return super.off(event, listener);
  }

  raise(signal: 'SIGTERM' | 'SIGINT'): void {
    this.emit(signal);
  }
}

/**
 * The part of Electron's API that the supervisor (supervisor.ts) and the lock-down
 * (lockdown.ts) use, with Electron's own method names, event names and argument shapes.
 * main.ts hands them Electron's real objects; electron-shim.check.ts proves at compile time
 * that Electron's real types fit these ports, so the fakes the tests drive
 * (testing/fake-electron.ts) stand at Electron's own interface, as the fake HID device does
 * at node-hid's. One overload per event, as Electron declares them.
 */
export interface PreventableEvent {
  preventDefault(): void;
}

export type RenderProcessGoneReason = 'clean-exit' | 'abnormal-exit' | 'killed' | 'crashed' | 'oom' | 'launch-failed' | 'integrity-failure' | 'memory-eviction';

export interface RenderProcessGoneDetails {
  readonly reason: RenderProcessGoneReason;
  readonly exitCode: number;
}

/** will-navigate, will-redirect, will-frame-navigate (Electron's Event<...Params>). */
export interface NavigationEvent extends PreventableEvent {
  readonly url: string;
}

/** before-input-event's Input. */
export interface KeyInput {
  readonly type: string;
  readonly key: string;
  readonly code: string;
  readonly control: boolean;
  readonly shift: boolean;
  readonly alt: boolean;
  readonly meta: boolean;
}

export interface WebContentsPort {
  readonly id: number;
  getURL(): string;
  loadURL(url: string): Promise<void>;
  isDestroyed(): boolean;
  forcefullyCrashRenderer(): void;
  closeDevTools(): void;
  setZoomFactor(factor: number): void;
  setVisualZoomLevelLimits(minimumLevel: number, maximumLevel: number): Promise<void>;
  setWindowOpenHandler(handler: (details: { readonly url: string }) => { action: 'deny' }): void;
  on(event: 'render-process-gone', listener: (event: PreventableEvent, details: RenderProcessGoneDetails) => void): this;
  on(event: 'unresponsive', listener: () => void): this;
  on(event: 'responsive', listener: () => void): this;
  on(event: 'did-finish-load', listener: () => void): this;
  on(event: 'devtools-opened', listener: () => void): this;
  on(event: 'did-fail-load', listener: (event: PreventableEvent, errorCode: number, errorDescription: string, validatedURL: string, isMainFrame: boolean) => void): this;
  on(event: 'will-navigate', listener: (event: NavigationEvent) => void): this;
  on(event: 'will-redirect', listener: (event: NavigationEvent) => void): this;
  on(event: 'will-frame-navigate', listener: (event: NavigationEvent) => void): this;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): this;
  on(event: 'will-prevent-unload', listener: (event: PreventableEvent) => void): this;
  on(event: 'before-input-event', listener: (event: PreventableEvent, input: KeyInput) => void): this;
  on(event: 'context-menu', listener: (event: PreventableEvent) => void): this;
  on(event: 'zoom-changed', listener: (event: PreventableEvent, zoomDirection: 'in' | 'out') => void): this;
}

export interface WindowPort {
  readonly webContents: WebContentsPort;
  isDestroyed(): boolean;
  destroy(): void;
  on(event: 'close', listener: (event: PreventableEvent) => void): this;
  on(event: 'closed', listener: () => void): this;
}

export interface OnBeforeRequestDetails {
  readonly url: string;
  readonly resourceType: string;
}

export interface OnHeadersReceivedDetails {
  readonly url: string;
  readonly resourceType: string;
  readonly responseHeaders?: Record<string, string[]>;
}

export interface WebRequestPort {
  onBeforeRequest(filter: { urls: string[] }, listener: ((details: OnBeforeRequestDetails, callback: (response: { cancel?: boolean }) => void) => void) | null): void;
  onHeadersReceived(filter: { urls: string[] }, listener: ((details: OnHeadersReceivedDetails, callback: (response: { responseHeaders?: Record<string, string[]> }) => void) => void) | null): void;
}

export interface SessionPort {
  readonly webRequest: WebRequestPort;
  setPermissionRequestHandler(handler: ((webContents: WebContentsPort, permission: string, callback: (permissionGranted: boolean) => void) => void) | null): void;
  setPermissionCheckHandler(handler: ((webContents: WebContentsPort | null, permission: string, requestingOrigin: string) => boolean) | null): void;
  setDevicePermissionHandler(handler: ((details: { readonly deviceType: string; readonly origin: string }) => boolean) | null): void;
  setDisplayMediaRequestHandler(handler: ((request: unknown, callback: (streams: Record<string, never>) => void) => void) | null): void;
  setSpellCheckerEnabled(enable: boolean): void;
  on(event: 'will-download', listener: (event: PreventableEvent) => void): this;
  on(event: 'select-hid-device', listener: (event: PreventableEvent, details: unknown, callback: (deviceId?: string | null) => void) => void): this;
  on(event: 'select-serial-port', listener: (event: PreventableEvent, portList: unknown, webContents: unknown, callback: (portId: string) => void) => void): this;
  on(event: 'select-usb-device', listener: (event: PreventableEvent, details: unknown, callback: (deviceId?: string) => void) => void): this;
}

export interface ChildProcessGoneDetails {
  readonly type: string;
  readonly reason: string;
  readonly exitCode: number;
  readonly serviceName?: string | undefined;
}

export interface AppPort {
  readonly commandLine: { appendSwitch(name: string, value?: string): void };
  whenReady(): Promise<void>;
  enableSandbox(): void;
  requestSingleInstanceLock(): boolean;
  relaunch(): void;
  exit(exitCode?: number): void;
  on(event: 'web-contents-created', listener: (event: PreventableEvent, webContents: WebContentsPort) => void): this;
  on(event: 'child-process-gone', listener: (event: PreventableEvent, details: ChildProcessGoneDetails) => void): this;
  on(event: 'window-all-closed', listener: () => void): this;
}

export interface PowerSaveBlockerPort {
  start(type: 'prevent-display-sleep'): number;
  stop(id: number): boolean;
}

/** Electron's UtilityProcess (utilityProcess.fork): the packaged kiosk core. */
export interface UtilityProcessPort {
  readonly pid: number | undefined;
  postMessage(message: unknown): void;
  kill(): boolean;
  on(event: 'message', listener: (message: unknown) => void): this;
  on(event: 'exit', listener: (code: number) => void): this;
}

/**
 * The part of Electron's API the kiosk shell uses, for type-checking where Electron's package
 * is not installed (it is an optional dependency: its binary comes from outside the npm
 * registry, and a failed download removes the whole package). tsconfig.json maps `electron`
 * to Electron's own electron.d.ts when it is there and to this file otherwise;
 * electron-shim.check.ts proves that Electron's real types fit this subset whenever they are
 * installed, so the shell never compiles against an API Electron does not have.
 */
export interface Event {
  preventDefault(): void;
}

export interface WebFrameMain {
  readonly url: string;
  readonly parent: WebFrameMain | null;
}

export interface HandlerDetails {
  readonly url: string;
}

export interface WebContents {
  readonly id: number;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
  setWindowOpenHandler(handler: (details: HandlerDetails) => { action: 'deny' }): void;
  on(event: 'will-navigate', listener: (event: Event, url: string) => void): this;
  on(event: 'render-process-gone', listener: (event: Event) => void): this;
  on(event: 'will-attach-webview', listener: (event: Event) => void): this;
}

export interface IpcMainInvokeEvent {
  readonly sender: WebContents;
  readonly senderFrame: WebFrameMain | null;
}

export interface IpcMain {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export interface WebPreferences {
  preload?: string;
  contextIsolation?: boolean;
  sandbox?: boolean;
  nodeIntegration?: boolean;
  webSecurity?: boolean;
  allowRunningInsecureContent?: boolean;
  spellcheck?: boolean;
}

export interface BrowserWindowConstructorOptions {
  kiosk?: boolean;
  fullscreen?: boolean;
  autoHideMenuBar?: boolean;
  backgroundColor?: string;
  webPreferences?: WebPreferences;
}

export declare class BrowserWindow {
  constructor(options?: BrowserWindowConstructorOptions);
  readonly webContents: WebContents;
  isDestroyed(): boolean;
  reload(): void;
  loadURL(url: string): Promise<void>;
}

export interface App {
  whenReady(): Promise<void>;
  on(event: 'window-all-closed', listener: () => void): this;
  on(event: 'web-contents-created', listener: (event: Event, webContents: WebContents) => void): this;
  quit(): void;
  exit(exitCode?: number): void;
}

export interface Session {
  setPermissionRequestHandler(handler: ((webContents: WebContents, permission: string, callback: (permissionGranted: boolean) => void) => void) | null): void;
}

export interface IpcRendererEvent {
  readonly sender: unknown;
}

export interface IpcRenderer {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  // Electron's own signatures: what arrives on a channel is whatever the other side sent.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  on(channel: string, listener: (event: IpcRendererEvent, ...args: any[]) => void): this;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  removeListener(channel: string, listener: (...args: any[]) => void): this;
}

export interface ContextBridge {
  exposeInMainWorld(apiKey: string, api: unknown): void;
}

export declare const app: App;
export declare const ipcMain: IpcMain;
export declare const session: { readonly defaultSession: Session };
export declare const ipcRenderer: IpcRenderer;
export declare const contextBridge: ContextBridge;

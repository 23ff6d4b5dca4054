/**
 * The part of Electron's API the kiosk shell uses, for type-checking where Electron's package
 * is not installed (it is an optional dependency: its binary comes from outside the npm
 * registry, and a failed download removes the whole package). tsconfig.json maps `electron`
 * to Electron's own electron.d.ts when it is there and to this file otherwise;
 * electron-shim.check.ts proves that Electron's real types fit this subset (and the ports the
 * supervisor is written against) whenever they are installed, so the shell never compiles
 * against an API Electron does not have.
 */
import type { AppPort, PowerSaveBlockerPort, SessionPort, UtilityProcessPort, WindowPort } from './electron-ports.ts';

export type Session = SessionPort;

export interface WebPreferences {
  session?: Session;
  contextIsolation?: boolean;
  sandbox?: boolean;
  nodeIntegration?: boolean;
  nodeIntegrationInWorker?: boolean;
  nodeIntegrationInSubFrames?: boolean;
  webSecurity?: boolean;
  allowRunningInsecureContent?: boolean;
  experimentalFeatures?: boolean;
  webviewTag?: boolean;
  plugins?: boolean;
  navigateOnDragDrop?: boolean;
  spellcheck?: boolean;
  devTools?: boolean;
  disableDialogs?: boolean;
  safeDialogs?: boolean;
  enableWebSQL?: boolean;
  backgroundThrottling?: boolean;
}

export interface BrowserWindowConstructorOptions {
  kiosk?: boolean;
  fullscreen?: boolean;
  frame?: boolean;
  autoHideMenuBar?: boolean;
  show?: boolean;
  backgroundColor?: string;
  webPreferences?: WebPreferences;
}

export type BrowserWindow = WindowPort;
export declare const BrowserWindow: new (options?: BrowserWindowConstructorOptions) => BrowserWindow;

export declare const app: AppPort & { readonly isPackaged: boolean };
export declare const Menu: { setApplicationMenu(menu: null): void };
export declare const powerSaveBlocker: PowerSaveBlockerPort;
export declare const session: { readonly defaultSession: Session; fromPartition(partition: string): Session };
export declare const utilityProcess: {
  fork(modulePath: string, args?: string[], options?: { serviceName?: string; stdio?: 'inherit' | 'pipe' | 'ignore'; env?: Record<string, string> }): UtilityProcessPort;
};

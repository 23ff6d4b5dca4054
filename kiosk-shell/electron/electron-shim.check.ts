import type * as Real from 'electron';
import type * as Shim from './electron-shim.js';

/**
 * Compile-time proof that Electron's real API (when its package is installed, tsconfig maps
 * `electron` to it) fits the subset in electron-shim.d.ts that the shell is typed against
 * elsewhere. Without Electron installed, `electron` maps to the shim itself and this holds
 * trivially. `npm run typecheck` fails when Electron changes one of these in a way the shell
 * would not survive.
 */
type Fits<Subset, Actual extends Subset> = Actual;

export type ElectronShimFitsRealTypes = [
  Fits<Shim.App, typeof Real.app>,
  Fits<Shim.IpcMain, typeof Real.ipcMain>,
  Fits<Shim.IpcMain, Real.IpcMain>,
  Fits<Shim.IpcMainInvokeEvent, Real.IpcMainInvokeEvent>,
  Fits<Shim.WebContents, Real.WebContents>,
  Fits<Shim.Session, Real.Session>,
  Fits<{ readonly defaultSession: Shim.Session }, typeof Real.session>,
  Fits<Shim.IpcRenderer, typeof Real.ipcRenderer>,
  Fits<Shim.IpcRendererEvent, Real.IpcRendererEvent>,
  Fits<Shim.ContextBridge, typeof Real.contextBridge>,
  Fits<Shim.BrowserWindowConstructorOptions, Real.BrowserWindowConstructorOptions>,
  Fits<InstanceType<typeof Shim.BrowserWindow>, InstanceType<typeof Real.BrowserWindow>>,
];

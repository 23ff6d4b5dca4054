import type * as Real from 'electron';
import type * as Ports from './electron-ports.ts';
import type * as Shim from './electron-shim.js';

/**
 * Compile-time proof that Electron's real API (when its package is installed, tsconfig maps
 * `electron` to it) fits the ports the supervisor and the lock-down are written against
 * (electron-ports.ts, which the tests' fakes implement) and the subset in electron-shim.d.ts
 * that main.ts compiles against where Electron is not installed. Without Electron installed,
 * `electron` maps to the shim itself and this holds trivially. `npm run typecheck` fails when
 * Electron changes one of these in a way the shell would not survive.
 */
type Fits<Subset, Actual extends Subset> = Actual;

export type ElectronPortsFitRealTypes = [
  Fits<Ports.AppPort, typeof Real.app>,
  Fits<Ports.WindowPort, Real.BrowserWindow>,
  Fits<Ports.WebContentsPort, Real.WebContents>,
  Fits<Ports.SessionPort, Real.Session>,
  Fits<Ports.WebRequestPort, Real.WebRequest>,
  Fits<Ports.PowerSaveBlockerPort, typeof Real.powerSaveBlocker>,
  Fits<Ports.UtilityProcessPort, Real.UtilityProcess>,
];

export type ElectronShimFitsRealTypes = [
  Fits<typeof Shim.app, typeof Real.app>,
  Fits<typeof Shim.Menu, typeof Real.Menu>,
  Fits<typeof Shim.session, typeof Real.session>,
  Fits<typeof Shim.powerSaveBlocker, typeof Real.powerSaveBlocker>,
  Fits<typeof Shim.utilityProcess, typeof Real.utilityProcess>,
  Fits<Shim.BrowserWindowConstructorOptions, Real.BrowserWindowConstructorOptions>,
  Fits<Shim.WebPreferences, Real.WebPreferences>,
  Fits<InstanceType<typeof Shim.BrowserWindow>, InstanceType<typeof Real.BrowserWindow>>,
];

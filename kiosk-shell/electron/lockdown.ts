import type { BrowserWindowConstructorOptions } from 'electron';
import type { AppPort, KeyInput, SessionPort, WebContentsPort } from './electron-ports.ts';

/**
 * The Electron shell's lock-down, one function per layer (app, session, web contents, window
 * options), each applied by main.ts and each item tested in lockdown.test.ts. What each
 * setting defends against, item by item against Electron's security checklist:
 * docs/electron-security.md.
 *
 * The window shows only the kiosk's own UI, served by the kiosk core on 127.0.0.1 (the
 * "kiosk origin", e.g. http://127.0.0.1:43117, known once the core is up and new after each
 * core restart). Everything else is refused: other origins, navigation, new windows,
 * webviews, permissions, devices, downloads.
 */
export interface LockdownPolicy {
  /** Production: no devtools, no reload or zoom shortcuts (main.ts: packaged, or not asked for devtools). */
  readonly production: boolean;
  /** The origin the UI is served from; null while the core is not up (then nothing is allowed). */
  allowedOrigin(): string | null;
  /** A refused attempt, for the application log: what kind, and the scheme and host only (never a path or query). */
  report(what: string, detail: string): void;
}

/** A URL for the log: its scheme and host, nothing that could carry data. */
export function urlForLog(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.host === '' ? parsed.protocol : `${parsed.protocol}//${parsed.host}`;
  } catch {
    return '(unparsable URL)';
  }
}

/** True when `url` is on the kiosk origin (the page and its API over HTTP). */
export function isKioskUrl(url: string, origin: string | null): boolean {
  if (origin === null) return false;
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
}

/** The kiosk's own event socket: ws:// on the kiosk origin's host and port. */
function isKioskSocket(url: string, origin: string | null): boolean {
  if (origin === null) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'ws:' && parsed.host === new URL(origin).host;
  } catch {
    return false;
  }
}

/**
 * What the window may request at all: the kiosk origin over HTTP and its WebSocket; in a
 * development run also devtools' own pages. No remote content, ever.
 */
export function isAllowedRequest(url: string, origin: string | null, production: boolean): boolean {
  if (isKioskUrl(url, origin) || isKioskSocket(url, origin)) return true;
  return !production && url.startsWith('devtools://');
}

/**
 * The Content-Security-Policy the shell adds to every response from the kiosk origin. The
 * loopback server sends its own; a browser enforces both, so the effective policy is at least
 * this strict: scripts, styles, fonts only from the kiosk origin (no inline script, no eval),
 * API calls and the event socket only to it, images also as data:/blob: (the preview), no
 * plugins, frames, workers, forms or <base>.
 */
export function kioskContentSecurityPolicy(origin: string): string {
  const host = new URL(origin).host;
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self' ws://${host}`,
    "media-src 'none'",
    "object-src 'none'",
    "frame-src 'none'",
    "worker-src 'none'",
    "manifest-src 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
}

/**
 * Keys a resident must not use in production: reload (F5, Ctrl+R), devtools (F12,
 * Ctrl+Shift+I/J/C), zoom (Ctrl +/-/0), history (Alt+Left/Right, browser keys), print, save,
 * open, view source, close, quit, new window, full-screen toggle. The rule is wider than that
 * list: any key with Ctrl, Alt or Meta, every function key and every Browser* key. Plain
 * keys (digits for the PIN, letters, Enter, Backspace, Escape) pass.
 */
export function isBlockedShortcut(input: KeyInput): boolean {
  if (input.type !== 'keyDown' && input.type !== 'rawKeyDown' && input.type !== 'keyUp') return false;
  if (input.control || input.alt || input.meta) return true;
  if (/^F\d{1,2}$/.test(input.key)) return true;
  return input.key.startsWith('Browser') || input.key === 'ContextMenu' || input.key === 'Print' || input.key === 'Help';
}

/** The window: kiosk, full screen, and every web preference the checklist asks for set explicitly. */
export function kioskWindowOptions(options: { readonly production: boolean; readonly session: NonNullable<BrowserWindowConstructorOptions['webPreferences']>['session'] }): BrowserWindowConstructorOptions {
  return {
    kiosk: true,
    fullscreen: true,
    frame: false,
    autoHideMenuBar: true,
    backgroundColor: '#ffffff',
    webPreferences: {
      session: options.session,
      // There is no preload script: the UI talks to the core over the loopback API, so the
      // page gets no Electron or Node API at all.
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      plugins: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: !options.production,
      disableDialogs: true,
      safeDialogs: true,
      enableWebSQL: false,
      backgroundThrottling: false,
    },
  };
}

/** Before the app is ready: the sandbox for every renderer, and no pinch zoom or overscroll navigation. */
export function lockDownApp(app: Pick<AppPort, 'enableSandbox' | 'commandLine'>): void {
  app.enableSandbox();
  app.commandLine.appendSwitch('disable-pinch');
  app.commandLine.appendSwitch('overscroll-history-navigation', '0');
  app.commandLine.appendSwitch('disable-features', 'TouchpadOverscrollHistoryNavigation');
}

/** Every permission, permission check, device chooser and download refused; requests off the kiosk origin cancelled; the CSP added. */
export function lockDownSession(session: SessionPort, policy: LockdownPolicy): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    policy.report('permission request denied', permission);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler((details) => {
    policy.report('device permission denied', details.deviceType);
    return false;
  });
  session.setDisplayMediaRequestHandler((_request, callback) => {
    policy.report('screen capture denied', 'display-media');
    callback({});
  });
  session.setSpellCheckerEnabled(false);
  session.on('will-download', (event) => {
    event.preventDefault();
    policy.report('download refused', 'will-download');
  });
  session.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault();
    callback(null);
  });
  session.on('select-serial-port', (event, _ports, _contents, callback) => {
    event.preventDefault();
    callback('');
  });
  session.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
  session.webRequest.onBeforeRequest({ urls: ['<all_urls>'] }, (details, callback) => {
    if (isAllowedRequest(details.url, policy.allowedOrigin(), policy.production)) return callback({});
    policy.report('request cancelled', urlForLog(details.url));
    callback({ cancel: true });
  });
  session.webRequest.onHeadersReceived({ urls: ['<all_urls>'] }, (details, callback) => {
    const origin = policy.allowedOrigin();
    if (origin === null || !isKioskUrl(details.url, origin)) return callback({});
    const headers = { ...(details.responseHeaders ?? {}) };
    const policies = [...cspValues(headers), kioskContentSecurityPolicy(origin)];
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': policies, 'X-Content-Type-Options': ['nosniff'] } });
  });
}

/** The CSP values the server already sent (any capitalisation), kept: both apply. */
function cspValues(headers: Record<string, string[]>): string[] {
  const out: string[] = [];
  for (const [name, values] of Object.entries(headers)) {
    if (name.toLowerCase() === 'content-security-policy') {
      out.push(...values);
      delete headers[name];
    }
  }
  return out;
}

/**
 * Every web contents the app creates (main.ts applies it from `web-contents-created`): no
 * new windows, no navigation off the kiosk origin, no webviews, no beforeunload traps, no
 * context menu, no zoom; in production no devtools and no shortcuts.
 */
export function lockDownContents(contents: WebContentsPort, policy: LockdownPolicy): void {
  contents.setWindowOpenHandler((details) => {
    policy.report('new window denied', urlForLog(details.url));
    return { action: 'deny' };
  });
  const guardNavigation = (kind: string) => (event: { url: string; preventDefault(): void }) => {
    if (isKioskUrl(event.url, policy.allowedOrigin())) return;
    event.preventDefault();
    policy.report(`${kind} blocked`, urlForLog(event.url));
  };
  contents.on('will-navigate', guardNavigation('navigation'));
  contents.on('will-frame-navigate', guardNavigation('frame navigation'));
  contents.on('will-redirect', guardNavigation('redirect'));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    policy.report('webview blocked', 'will-attach-webview');
  });
  // A page cannot hold the window with a beforeunload prompt (recovery must always reload).
  contents.on('will-prevent-unload', (event) => event.preventDefault());
  contents.on('context-menu', (event) => event.preventDefault());
  contents.on('zoom-changed', () => contents.setZoomFactor(1));
  contents.on('did-finish-load', () => {
    contents.setZoomFactor(1);
    contents.setVisualZoomLevelLimits(1, 1).catch((error: unknown) => policy.report('zoom limit not applied', error instanceof Error ? error.name : 'error'));
  });
  if (policy.production) {
    contents.on('before-input-event', (event, input) => {
      if (isBlockedShortcut(input)) event.preventDefault();
    });
    contents.on('devtools-opened', () => {
      contents.closeDevTools();
      policy.report('devtools closed', 'devtools-opened');
    });
  }
}

import { describe, expect, it } from 'vitest';
import { isBlockedShortcut, kioskContentSecurityPolicy, kioskWindowOptions, lockDownApp, lockDownContents, lockDownSession, type LockdownPolicy } from './lockdown.ts';
import { FakeApp, FakeSession, FakeWebContents } from './testing/fake-electron.ts';

/**
 * The Electron shell's lock-down, item by item (docs/electron-security.md lists each with this
 * file's test), on fakes at Electron's own interface (electron-ports.ts).
 */
const ORIGIN = 'http://127.0.0.1:43117';

function policy(production = true, origin: string | null = ORIGIN): LockdownPolicy & { reports: string[] } {
  const reports: string[] = [];
  return { production, allowedOrigin: () => origin, report: (what, detail) => void reports.push(`${what}: ${detail}`), reports };
}

function lockedContents(production = true) {
  const contents = new FakeWebContents();
  const p = policy(production);
  lockDownContents(contents, p);
  return { contents, reports: p.reports };
}

function lockedSession(production = true, origin: string | null = ORIGIN) {
  const session = new FakeSession();
  const p = policy(production, origin);
  lockDownSession(session, p);
  return { session, reports: p.reports };
}

describe('window options', () => {
  const options = kioskWindowOptions({ production: true, session: undefined });

  it('context isolation, sandbox, no node integration anywhere, web security, no insecure content, no experimental features', () => {
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
    });
    expect(options.webPreferences).not.toHaveProperty('enableBlinkFeatures');
  });

  it('no preload: the page gets no Electron or Node API at all', () => {
    expect(options.webPreferences).not.toHaveProperty('preload');
  });

  it('no webview tag, no plugins, no dialogs, no drag-and-drop navigation; a kiosk window with no frame', () => {
    expect(options.webPreferences).toMatchObject({ webviewTag: false, plugins: false, disableDialogs: true, navigateOnDragDrop: false });
    expect(options).toMatchObject({ kiosk: true, fullscreen: true, frame: false });
    // Shown at once (white until the core is up): a hidden kiosk window would look dead.
    expect(options.show).not.toBe(false);
  });

  it('devtools only outside production', () => {
    expect(options.webPreferences?.devTools).toBe(false);
    expect(kioskWindowOptions({ production: false, session: undefined }).webPreferences?.devTools).toBe(true);
  });
});

describe('app', () => {
  it('sandboxes every renderer and turns pinch zoom and overscroll navigation off', () => {
    const app = new FakeApp();
    lockDownApp(app);
    expect(app.sandboxed).toBe(true);
    expect(app.switches).toEqual(
      expect.arrayContaining([
        ['disable-pinch', undefined],
        ['overscroll-history-navigation', '0'],
        ['disable-features', 'TouchpadOverscrollHistoryNavigation'],
      ]),
    );
  });
});

describe('navigation and new windows', () => {
  it('a new window is denied, whatever the URL (the kiosk origin included)', () => {
    const { contents, reports } = lockedContents();
    expect(contents.openWindow('https://example.com/')).toBe('deny');
    expect(contents.openWindow(`${ORIGIN}/`)).toBe('deny');
    expect(reports).toContain('new window denied: https://example.com');
  });

  it('navigation, redirects and frame navigation stay on the kiosk origin', () => {
    const { contents, reports } = lockedContents();
    expect(contents.navigate(`${ORIGIN}/#/attract`)).toBe(true);
    for (const url of ['https://example.com/', 'http://127.0.0.1:9999/', 'file:///etc/passwd', 'javascript:alert(1)', 'chrome://settings', 'data:text/html,hi']) {
      expect(contents.navigate(url), url).toBe(false);
      expect(contents.navigate(url, 'will-redirect'), url).toBe(false);
      expect(contents.navigate(url, 'will-frame-navigate'), url).toBe(false);
    }
    // The log gets scheme and host only: a path or query could carry data.
    expect(reports).toContain('navigation blocked: file:');
    expect(reports.join('\n')).not.toContain('/etc/passwd');
  });

  it('no navigation at all while the core is down (no origin yet)', () => {
    const contents = new FakeWebContents();
    lockDownContents(contents, policy(true, null));
    expect(contents.navigate(`${ORIGIN}/`)).toBe(false);
  });

  it('a <webview> is never attached; a beforeunload prompt cannot hold the window; no context menu', () => {
    const { contents } = lockedContents();
    expect(contents.fire('will-attach-webview')).toBe(false);
    expect(contents.fire('will-prevent-unload')).toBe(false);
    expect(contents.fire('context-menu')).toBe(false);
  });
});

describe('shortcuts, devtools and zoom', () => {
  const blocked: Array<[string, { key: string; control?: boolean; shift?: boolean; alt?: boolean; meta?: boolean }]> = [
    ['reload F5', { key: 'F5' }],
    ['reload Ctrl+R', { key: 'r', control: true }],
    ['hard reload Ctrl+Shift+R', { key: 'R', control: true, shift: true }],
    ['devtools F12', { key: 'F12' }],
    ['devtools Ctrl+Shift+I', { key: 'I', control: true, shift: true }],
    ['console Ctrl+Shift+J', { key: 'J', control: true, shift: true }],
    ['inspect Ctrl+Shift+C', { key: 'C', control: true, shift: true }],
    ['zoom in Ctrl+=', { key: '=', control: true }],
    ['zoom out Ctrl+-', { key: '-', control: true }],
    ['zoom reset Ctrl+0', { key: '0', control: true }],
    ['back Alt+Left', { key: 'ArrowLeft', alt: true }],
    ['browser back key', { key: 'BrowserBack' }],
    ['print Ctrl+P', { key: 'p', control: true }],
    ['view source Ctrl+U', { key: 'u', control: true }],
    ['close Ctrl+W', { key: 'w', control: true }],
    ['quit Ctrl+Q', { key: 'q', control: true }],
    ['close Alt+F4', { key: 'F4', alt: true }],
    ['full screen F11', { key: 'F11' }],
    ['macOS reload Cmd+R', { key: 'r', meta: true }],
  ];

  it.each(blocked)('%s never reaches the page in production', (_name, input) => {
    const { contents } = lockedContents(true);
    expect(contents.press(input)).toBe(false);
  });

  it('digits, letters, Enter, Backspace and Escape reach the page (the PIN pad works with a keyboard too)', () => {
    const { contents } = lockedContents(true);
    for (const key of ['0', '7', 'a', 'Enter', 'Backspace', 'Escape', 'Tab']) expect(contents.press({ key }), key).toBe(true);
  });

  it('outside production the developer keeps reload and devtools', () => {
    const { contents } = lockedContents(false);
    expect(contents.press({ key: 'F5' })).toBe(true);
    expect(contents.press({ key: 'I', control: true, shift: true })).toBe(true);
  });

  it('the rule only looks at key presses', () => {
    expect(isBlockedShortcut({ type: 'char', key: 'r', code: 'KeyR', control: true, shift: false, alt: false, meta: false })).toBe(false);
  });

  it('devtools opened anyway (production) are closed at once', () => {
    const { contents, reports } = lockedContents(true);
    contents.emit('devtools-opened');
    expect(contents.devToolsClosed).toBe(1);
    expect(reports).toContain('devtools closed: devtools-opened');
  });

  it('pinch zoom is held at 1 after every load, and any zoom change is undone', async () => {
    const { contents } = lockedContents(true);
    contents.finishLoad();
    await Promise.resolve();
    expect(contents.visualZoomLimits).toEqual([1, 1]);
    contents.zoomFactor = 1.5;
    contents.emit('zoom-changed', { preventDefault: () => undefined }, 'in');
    expect(contents.zoomFactor).toBe(1);
  });
});

describe('session', () => {
  it('every permission request is denied and logged by name', () => {
    const { session, reports } = lockedSession();
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'fullscreen', 'openExternal', 'display-capture', 'pointerLock', 'midi', 'unknown']) {
      expect(session.requestPermission(permission), permission).toBe(false);
    }
    expect(reports).toContain('permission request denied: geolocation');
  });

  it('every permission check answers no', () => {
    const { session } = lockedSession();
    for (const permission of ['media', 'hid', 'serial', 'usb', 'clipboard-read', 'geolocation']) expect(session.checkPermission(permission), permission).toBe(false);
  });

  it('WebHID, Web Serial and WebUSB get no device: the page never sees the card reader or the printer', () => {
    const { session } = lockedSession();
    expect(session.askDevicePermission('hid')).toBe(false);
    expect(session.askDevicePermission('serial')).toBe(false);
    expect(session.askDevicePermission('usb')).toBe(false);
    expect(session.chooseDevice('select-hid-device')).toBe(null);
    expect(session.chooseDevice('select-serial-port')).toBe('');
    expect(session.chooseDevice('select-usb-device')).toBe(undefined);
  });

  it('no screen capture, no downloads, no spell checker (it would send words to a service)', () => {
    const { session } = lockedSession();
    expect(session.captureScreen()).toBe(false);
    expect(session.download()).toBe(false);
    expect(session.spellChecker).toBe(false);
  });

  it('no remote content: only the kiosk origin and its event socket are requested', () => {
    const { session, reports } = lockedSession();
    expect(session.webRequest.request(`${ORIGIN}/assets/index.js`, 'script')).toBe(true);
    expect(session.webRequest.request(`${ORIGIN}/api/getSession`)).toBe(true);
    expect(session.webRequest.request('ws://127.0.0.1:43117/api/events', 'webSocket')).toBe(true);
    for (const url of ['https://fonts.example.com/a.woff2', 'http://127.0.0.1:9999/api/getSession', 'ws://127.0.0.1:9999/', 'http://localhost:43117/', 'https://127.0.0.1:43117/', 'file:///etc/passwd', 'devtools://devtools/bundled/inspector.html']) {
      expect(session.webRequest.request(url), url).toBe(false);
    }
    expect(reports).toContain('request cancelled: https://fonts.example.com');
  });

  it('nothing at all is requested while the core is down', () => {
    const { session } = lockedSession(true, null);
    expect(session.webRequest.request(`${ORIGIN}/`)).toBe(false);
  });

  it('devtools pages load outside production only', () => {
    expect(lockedSession(false).session.webRequest.request('devtools://devtools/bundled/inspector.html')).toBe(true);
  });

  it('every response from the kiosk origin carries the shell\'s strict CSP beside the server\'s own', () => {
    const { session } = lockedSession();
    const headers = session.webRequest.respond(`${ORIGIN}/`, { 'content-security-policy': ["default-src 'self'"], 'Content-Type': ['text/html'] });
    expect(headers['Content-Security-Policy']).toEqual(["default-src 'self'", kioskContentSecurityPolicy(ORIGIN)]);
    expect(headers['content-security-policy']).toBeUndefined();
    expect(headers['X-Content-Type-Options']).toEqual(['nosniff']);
    expect(headers['Content-Type']).toEqual(['text/html']);
  });
});

describe('the CSP', () => {
  const csp = kioskContentSecurityPolicy(ORIGIN);

  it('nothing by default; scripts and styles only from the kiosk, never inline or eval', () => {
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
  });

  it('connects only to the kiosk and its own socket (exact port); no forms, frames, objects, base', () => {
    expect(csp).toContain("connect-src 'self' ws://127.0.0.1:43117");
    expect(csp).not.toContain('ws://127.0.0.1:*');
    for (const directive of ["form-action 'none'", "frame-ancestors 'none'", "frame-src 'none'", "object-src 'none'", "base-uri 'none'"]) expect(csp).toContain(directive);
  });
});

import type { Page } from 'playwright-core';
import type { SessionView } from '../../../src/api/contract.ts';

/**
 * Holds the screen on one real session view the kiosk pushed (a step that passes in a blink,
 * such as "reading the card" or a print in progress) so it can be measured and photographed:
 * the event socket is routed through Playwright; once a view matches, later pushes are not
 * passed on and the UI's getSession() polls are answered with the held view. `release()`
 * lets everything through again (the UI catches up with the kiosk's real state at once).
 */
export interface ViewHold {
  /** Resolves with the first pushed view that matches; from then on the screen stays on it. */
  holdWhen(match: (view: SessionView) => boolean): Promise<SessionView>;
  release(): void;
}

export async function installViewHold(page: Page): Promise<ViewHold> {
  let matcher: { match: (view: SessionView) => boolean; resolve: (view: SessionView) => void } | null = null;
  let held: SessionView | null = null;
  await page.routeWebSocket(/\/api\/events/, (socket) => {
    const server = socket.connectToServer();
    server.onMessage((message) => {
      if (held !== null) return;
      const parsed = JSON.parse(String(message)) as { event: string; payload: SessionView };
      if (matcher !== null && parsed.event === 'session' && matcher.match(parsed.payload)) {
        held = parsed.payload;
        matcher.resolve(parsed.payload);
        matcher = null;
      }
      socket.send(message);
    });
  });
  await page.route(/\/api\/getSession$/, async (route) => {
    if (held === null) return route.continue();
    return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ ok: true, value: held }) });
  });
  return {
    holdWhen(match) {
      return new Promise((resolve) => {
        matcher = { match, resolve };
      });
    },
    release() {
      held = null;
      matcher = null;
    },
  };
}

import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/**
 * What the screen walk measures on every screen, in the page's real layout: text and boxes
 * that overflow, targets smaller than 15 mm, and axe-core's WCAG 2.2 A/AA findings.
 */

/** 15 mm on a 21.5" 1920 x 1080 panel (476 mm wide: 4.03 px per mm) is 60.5 CSS px. */
export const TARGET_MIN_PX = 60.5;

export interface Overflow {
  readonly element: string;
  readonly text: string;
  readonly problem: string;
}

/**
 * Every element whose content is larger than its box (text sticking out of a button, a row
 * wider than the screen), or that lies outside the viewport. Skipped: SVG internals, the
 * preview page (it is zoomed and panned on purpose) and lists marked as scrolling.
 */
export function measureOverflow(page: Page): Promise<Overflow[]> {
  return page.evaluate(() => {
    const problems: { element: string; text: string; problem: string }[] = [];
    const describe = (el: Element) => {
      const id = el.getAttribute('data-testid');
      const cls = typeof el.className === 'string' && el.className !== '' ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
      return `${el.tagName.toLowerCase()}${id === null ? '' : `[data-testid=${id}]`}${cls}`;
    };
    const vw = document.documentElement.clientWidth;
    const vh = document.documentElement.clientHeight;
    for (const el of document.querySelectorAll('#root *')) {
      if (el.closest('[data-overflow-ok]') !== null) continue;
      if (!(el instanceof HTMLElement)) continue;
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden' || style.position === 'fixed') continue;
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 && rect.height === 0) continue;
      const text = (el.innerText ?? '').trim().slice(0, 60);
      const scrolls = el.closest('[data-scroll]') !== null;
      if (style.display !== 'inline' && el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1) {
        problems.push({ element: describe(el), text, problem: `content ${el.scrollWidth}px wide in a ${el.clientWidth}px box` });
      }
      if (style.display !== 'inline' && !el.hasAttribute('data-scroll') && el.clientHeight > 0 && el.scrollHeight > el.clientHeight + 1) {
        problems.push({ element: describe(el), text, problem: `content ${el.scrollHeight}px high in a ${el.clientHeight}px box` });
      }
      if (!scrolls && (rect.left < -1 || rect.top < -1 || rect.right > vw + 1 || rect.bottom > vh + 1)) {
        problems.push({ element: describe(el), text, problem: `outside the ${vw}x${vh} screen (${Math.round(rect.left)},${Math.round(rect.top)})-(${Math.round(rect.right)},${Math.round(rect.bottom)})` });
      }
    }
    return problems;
  });
}

export interface SmallTarget {
  readonly element: string;
  readonly width: number;
  readonly height: number;
}

/** Visible controls smaller than 15 mm in either direction. */
export function measureTargets(page: Page, minPx = TARGET_MIN_PX): Promise<SmallTarget[]> {
  return page.evaluate((min) => {
    const small: { element: string; width: number; height: number }[] = [];
    for (const el of document.querySelectorAll('#root button, #root input, #root a[href], #root [role="button"]')) {
      const rect = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (rect.width === 0 || style.visibility === 'hidden') continue;
      if (el.closest('[data-scroll]') !== null && (rect.bottom < 0 || rect.top > innerHeight)) continue;
      if (rect.width < min || rect.height < min) {
        small.push({ element: `${el.tagName.toLowerCase()}[data-testid=${el.getAttribute('data-testid') ?? '?'}] "${(el.textContent ?? '').trim().slice(0, 30)}"`, width: Math.round(rect.width), height: Math.round(rect.height) });
      }
    }
    return small;
  }, minPx);
}

export interface AxeFinding {
  readonly id: string;
  readonly impact: string;
  readonly help: string;
  readonly targets: string[];
}

const require = createRequire(import.meta.url);
const axeSource = (require('axe-core') as { source: string }).source;

/**
 * axe-core's WCAG 2.0/2.1/2.2 A and AA rules on the page as it is. Injected with evaluate
 * (DevTools protocol), which the page's Content-Security-Policy does not block.
 */
export async function runAxe(page: Page): Promise<AxeFinding[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact ?? 'unknown', help: v.help, targets: v.nodes.map((n) => n.target.map(String).join(' ')).slice(0, 5) }));
  });
}

export function seriousOrCritical(findings: readonly AxeFinding[]): AxeFinding[] {
  return findings.filter((f) => f.impact === 'serious' || f.impact === 'critical');
}

/**
 * What every screen must carry: the institution and the clock, the help line, the language
 * toggle, one instruction of one sentence, and a picture with it. Returns what is missing.
 */
export function checkFrame(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const missing: string[] = [];
    const visible = (selector: string) => [...document.querySelectorAll(selector)].filter((el) => (el as HTMLElement).offsetParent !== null || getComputedStyle(el).position === 'fixed');
    if (visible('.app-header__agency').length !== 1) missing.push('the institution (header)');
    if (visible('[data-testid="clock"]').length !== 1) missing.push('the clock');
    if (visible('[data-testid="help-footer"]').length !== 1) missing.push('the help footer');
    if (visible('[data-testid="lang-id"]').length !== 1 || visible('[data-testid="lang-en"]').length !== 1) missing.push('the language toggle');
    if (visible('[data-testid="text-size"]').length !== 1) missing.push('the larger-text toggle');
    const instructions = visible('main [data-testid="instruction"]');
    if (instructions.length !== 1) missing.push(`one instruction (found ${instructions.length})`);
    for (const el of instructions) {
      const text = (el as HTMLElement).innerText.trim();
      const sentences = text.match(/[.!?](\s|$)/g)?.length ?? 0;
      if (sentences !== 1) missing.push(`a one-sentence instruction ("${text}" has ${sentences})`);
    }
    if (visible('main [data-testid="illustration"]').length < 1) missing.push('an illustration');
    return missing;
  });
}

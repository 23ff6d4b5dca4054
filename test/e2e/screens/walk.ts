import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { checkFrame, measureOverflow, measureTargets, runAxe, seriousOrCritical, type AxeFinding, type Overflow, type SmallTarget } from './layout-checks.ts';

/**
 * The screen walk: every screen the kiosk can show is laid out in each orientation and
 * language (and with the larger-text mode), measured, checked with axe-core and, when a
 * folder is given, photographed. The findings are collected, not thrown, so one run lists
 * every problem at once.
 */
export interface Combo {
  readonly name: string;
  readonly width: number;
  readonly height: number;
  readonly lang: 'id' | 'en';
}

export const COMBOS: readonly Combo[] = [
  { name: 'portrait-id', width: 1080, height: 1920, lang: 'id' },
  { name: 'portrait-en', width: 1080, height: 1920, lang: 'en' },
  { name: 'landscape-id', width: 1920, height: 1080, lang: 'id' },
  { name: 'landscape-en', width: 1920, height: 1080, lang: 'en' },
];

export interface ScreenFinding {
  readonly screen: string;
  readonly combo: string;
  readonly largeText: boolean;
  readonly overflow: Overflow[];
  readonly smallTargets: SmallTarget[];
  readonly axe: AxeFinding[];
  readonly frame: string[];
}

export interface ShotRecord {
  readonly screen: string;
  readonly title: string;
  readonly files: string[];
}

export interface WalkOptions {
  /** Where screenshots go (PNG, device scale 1); none are taken without it. */
  readonly shotsDir?: string | undefined;
  /** Screens photographed with the larger-text mode too (portrait, Indonesian). */
  readonly largeTextShots?: readonly string[];
}

async function settle(page: Page): Promise<void> {
  // Two frames: the layout after a resize or a re-render has been painted.
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
}

export async function setLanguage(page: Page, lang: 'id' | 'en'): Promise<void> {
  const button = page.getByTestId(`lang-${lang}`);
  if ((await button.getAttribute('aria-pressed')) !== 'true') await button.click();
  await page.locator(`html[lang="${lang}"]`).waitFor();
}

export async function setLargeText(page: Page, on: boolean): Promise<void> {
  const button = page.getByTestId('text-size');
  if ((await button.getAttribute('aria-pressed')) !== String(on)) await button.click();
  await page.waitForFunction((want) => document.documentElement.classList.contains('large-text') === want, on);
}

export class ScreenWalk {
  readonly findings: ScreenFinding[] = [];
  readonly shots: ShotRecord[] = [];

  constructor(private readonly options: WalkOptions = {}) {
    if (options.shotsDir !== undefined) {
      mkdirSync(options.shotsDir, { recursive: true });
      // A new set each time: pictures of screens that are gone do not linger.
      for (const file of readdirSync(options.shotsDir)) if (file.endsWith('.png')) rmSync(join(options.shotsDir, file));
    }
  }

  /**
   * Lays the current screen out in every combination, measures it and photographs it.
   * `ready` is awaited after each change (e.g. for a screen element to be visible).
   * `photograph` limits the pictures to these combinations (every one is still measured):
   * for variants of one screen that differ only in their words.
   */
  async visit(page: Page, screen: string, title: string, ready: () => Promise<unknown>, photograph?: readonly string[]): Promise<void> {
    const files: string[] = [];
    for (const combo of COMBOS) {
      await page.setViewportSize({ width: combo.width, height: combo.height });
      await setLanguage(page, combo.lang);
      await ready();
      await settle(page);
      const axe = seriousOrCritical(await runAxe(page));
      this.findings.push({ screen, combo: combo.name, largeText: false, overflow: await measureOverflow(page), smallTargets: await measureTargets(page), axe, frame: await checkFrame(page) });
      if (this.options.shotsDir !== undefined && (photograph === undefined || photograph.includes(combo.name))) {
        const file = `${screen}--${combo.name}.png`;
        await page.screenshot({ path: join(this.options.shotsDir, file), animations: 'disabled', caret: 'hide' });
        files.push(file);
      }
      await setLargeText(page, true);
      await ready();
      await settle(page);
      this.findings.push({ screen, combo: combo.name, largeText: true, overflow: await measureOverflow(page), smallTargets: await measureTargets(page), axe: [], frame: [] });
      if (this.options.shotsDir !== undefined && combo.name === 'portrait-id' && (this.options.largeTextShots ?? []).includes(screen)) {
        const file = `${screen}--${combo.name}--large-text.png`;
        await page.screenshot({ path: join(this.options.shotsDir, file), animations: 'disabled', caret: 'hide' });
        files.push(file);
      }
      await setLargeText(page, false);
    }
    await setLanguage(page, 'id');
    this.shots.push({ screen, title, files });
  }

  /** The findings that fail the walk, one line each. */
  problems(): string[] {
    const lines: string[] = [];
    for (const f of this.findings) {
      const where = `${f.screen} ${f.combo}${f.largeText ? ' large-text' : ''}`;
      for (const o of f.overflow) lines.push(`${where}: overflow ${o.element} "${o.text}": ${o.problem}`);
      for (const s of f.smallTargets) lines.push(`${where}: target ${s.element} is ${s.width}x${s.height}px`);
      for (const a of f.axe) lines.push(`${where}: axe ${a.impact} ${a.id} (${a.help}) at ${a.targets.join(', ')}`);
      for (const m of f.frame) lines.push(`${where}: missing ${m}`);
    }
    return lines;
  }

  /** docs/screens.md: each screen with its screenshots, in the order walked. */
  writeIndex(file: string, imagePrefix: string): void {
    const lines = [
      '# Screens',
      '',
      'Every screen of the resident flow, as `npm run screens` photographs it (Chromium, device',
      'scale 1) in 1080x1920 portrait and 1920x1080 landscape, Bahasa Indonesia and English, from',
      'real kiosks (demo mode) walked by test/e2e/screens.test.ts. The same walk, without the',
      'pictures, runs in `npm test`: it fails on text that overflows its box, a target under',
      '15 mm, or a serious or critical axe-core finding, also with the larger-text mode on.',
      'The clock in the pictures is held at 09.30; times the kiosk gives (the end of a PIN lock)',
      'are its own, so they need not agree with it. Failed card reads are measured in every',
      'layout and photographed in portrait, in both languages.',
      '',
    ];
    for (const shot of this.shots) {
      lines.push(`## ${shot.title}`, '');
      lines.push(shot.files.map((f) => `<img src="${imagePrefix}${f}" alt="${shot.title}: ${f.replace(/\.png$/, '').split('--').slice(1).join(', ')}" width="${f.includes('landscape') ? 480 : 270}">`).join('\n'));
      lines.push('');
    }
    writeFileSync(file, `${lines.join('\n')}\n`);
  }
}

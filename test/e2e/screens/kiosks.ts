import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { SessionView } from '../../../src/api/contract.ts';
import { adm, startKiosk, tempDir, type RunningKiosk } from '../kiosk-process.ts';

/** Test support for the screen walk: kiosks started with a config, and demo residents to use. */
export interface DemoDocument {
  readonly id: string;
  readonly type: string;
  readonly pin: string;
  readonly status: string;
}

export interface DemoCitizen {
  readonly nik: string;
  readonly name: string;
  readonly documents: DemoDocument[];
}

export function demoCitizens(dataDir: string): DemoCitizen[] {
  const listed = adm(['demo', 'citizens', '--json', '--data-dir', dataDir]);
  if (listed.status !== 0) throw new Error(`adm-kiosk demo citizens failed: ${listed.stderr}`);
  return JSON.parse(listed.stdout) as DemoCitizen[];
}

export function ready(citizen: DemoCitizen, type: string): DemoDocument[] {
  return citizen.documents.filter((d) => d.type === type && d.status === 'ready');
}

/** Starts `adm-kiosk start` on a fresh data folder with this configuration. */
export async function startConfigured(name: string, config: object): Promise<RunningKiosk> {
  const dataDir = tempDir(`adm-screens-${name}-`);
  const file = join(dataDir, 'config.json');
  const withPrinter = JSON.parse(JSON.stringify(config).replaceAll('$DATA', dataDir)) as object;
  writeFileSync(file, JSON.stringify(withPrinter));
  return startKiosk(dataDir, ['--config', file]);
}

export async function typePin(page: Page, pin: string): Promise<void> {
  for (const digit of pin) await page.getByTestId(`pin-key-${digit}`).click();
  await page.getByTestId('pin-submit').click();
}

/** A wrong PIN of the right length. */
export function wrongPin(pin: string): string {
  return pin === '000000' ? '111111' : '000000';
}

/** Calls the kiosk's API from the page, with the page's own token (what the UI itself would send). */
export async function callKiosk(page: Page, method: string, body: object = {}): Promise<unknown> {
  const answer = await page.evaluate(
    async ({ method, body }) => {
      const response = await fetch(`/api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-kiosk-token': sessionStorage.getItem('adm-kiosk-token') ?? '' }, body: JSON.stringify(body) });
      return (await response.json()) as { ok: boolean; value?: unknown; error?: { code: string } };
    },
    { method, body },
  );
  if (!answer.ok) throw new Error(`${method} failed: ${answer.error?.code ?? 'no answer'}`);
  return answer.value;
}

/** The session view as the kiosk has it now. */
export async function sessionView(page: Page): Promise<SessionView> {
  return (await callKiosk(page, 'getSession')) as SessionView;
}

/** Waits until the element with this test id is on screen (the walk's `ready`). */
export function visible(page: Page, testId: string): () => Promise<void> {
  return () => page.getByTestId(testId).first().waitFor({ state: 'visible', timeout: 20_000 });
}

export async function boxOf(page: Page, testId: string): Promise<{ x: number; y: number; width: number; height: number }> {
  const box = await page.getByTestId(testId).boundingBox();
  if (box === null) throw new Error(`${testId} is not on screen`);
  return box;
}

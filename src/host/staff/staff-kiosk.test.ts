import { kioskTokenFromLaunchUrl } from '../../api/launch-client.ts';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineContract, type HandlersOf } from '../../api/contract-kit.ts';
import { createHttpClient, createHttpKioskApi } from '../../api/http-client.ts';
import { useTempDirs } from '../../api/test-support.ts';
import { KioskError } from '../../core/errors.ts';
import { listAudit } from '../../print-log/index.ts';
import { createAppLog } from '../app-log.ts';
import { parseConfig } from '../config.ts';
import { serveKiosk, type ServedKiosk } from '../serve.ts';
import { DEMO_STAFF_PINS } from './roles.ts';
import { staffApi } from './staff-apis.ts';

/** A staff contract as the ops and technician APIs are: its own prefix, its own role's token. */
const whoContract = defineContract({
  name: 'adm-who-test',
  methods: { whoAmI: { input: z.object({}).strict(), output: z.object({ role: z.string() }) } },
  events: {},
});
const opsWho: HandlersOf<typeof whoContract> = { whoAmI: () => Promise.resolve({ role: 'ops' }) };
const techWho: HandlersOf<typeof whoContract> = { whoAmI: () => Promise.resolve({ role: 'technician' }) };

const tempDir = useTempDirs();

async function serve(dataDir: string): Promise<ServedKiosk> {
  const uiDir = join(dataDir, '..', 'ui');
  mkdirSync(uiDir, { recursive: true });
  writeFileSync(join(uiDir, 'index.html'), '<!doctype html><title>kiosk</title>');
  return serveKiosk({
    config: parseConfig({}),
    dataDir,
    uiDir,
    interactive: false,
    guardProcess: false,
    appLog: createAppLog({ dataDir, echo: false }),
    staffApis: () => [staffApi({ role: 'ops', prefix: '/ops', contract: whoContract, handlers: opsWho }), staffApi({ role: 'technician', prefix: '/tech', contract: whoContract, handlers: techWho })],
  });
}

async function refusal(promise: Promise<unknown>): Promise<KioskError> {
  const error = await promise.then(
    () => new Error('expected a refusal'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(KioskError);
  return error as KioskError;
}

describe('staff access through the kiosk (demo PINs, loopback server)', () => {
  it('staffSignIn gives a token that opens only its role’s API, not with the UI token; sign-out closes it; all in the audit table', async () => {
    const dataDir = join(tempDir(), 'data');
    const served = await serve(dataDir);
    try {
      const baseUrl = served.server.url;
      const uiToken = await kioskTokenFromLaunchUrl(served.launchUrl());
      const api = createHttpKioskApi({ baseUrl, token: uiToken });
      const grant = await api.staffSignIn({ role: 'ops', pin: DEMO_STAFF_PINS.ops });
      const ops = createHttpClient(whoContract, { baseUrl, token: grant.token, prefix: '/ops' });
      expect(await ops.whoAmI({})).toEqual({ role: 'ops' });
      const techWithOpsToken = createHttpClient(whoContract, { baseUrl, token: grant.token, prefix: '/tech' });
      expect((await refusal(techWithOpsToken.whoAmI({}))).code).toBe('API_UNAUTHORIZED');
      const opsWithUiToken = createHttpClient(whoContract, { baseUrl, token: uiToken, prefix: '/ops' });
      expect((await refusal(opsWithUiToken.whoAmI({}))).code).toBe('API_UNAUTHORIZED');
      const wrong = await refusal(api.staffSignIn({ role: 'technician', pin: '999999' }));
      expect(wrong).toMatchObject({ code: 'STAFF_PIN_INVALID', details: { attemptsLeft: 4 } });
      await api.staffSignOut({ token: grant.token });
      expect((await refusal(ops.whoAmI({}))).code).toBe('API_UNAUTHORIZED');
      const actions = listAudit(served.kiosk.printLog, { from: '2000-01-01', to: '2100-01-01' }).map((row) => `${row.actor} ${row.action}`);
      expect(actions).toEqual(['ops sign-in', 'technician sign-in-failed', 'ops sign-out']);
      expect(served.kiosk.printLog.verifyChain().ok).toBe(true);
    } finally {
      await served.close();
    }
  });

  it('no staff sign-in during a resident’s session; while a staff screen is open a card starts no session', async () => {
    const dataDir = join(tempDir(), 'data');
    const served = await serve(dataDir);
    const { service } = served.kiosk;
    try {
      const [card] = await service.listDemoCards();
      if (card === undefined) throw new Error('no demo card');
      const grant = await service.staffSignIn({ role: 'technician', pin: DEMO_STAFF_PINS.technician });
      await service.tapDemoCard({ nik: card.nik });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(service.view().state.step).toBe('attract');
      await service.staffSignOut({ token: grant.token });
      await service.tapDemoCard({ nik: card.nik });
      for (let i = 0; i < 200 && service.view().state.step !== 'choosing'; i += 1) await new Promise((resolve) => setTimeout(resolve, 25));
      expect(service.view().state.step).toBe('choosing');
      expect((await refusal(service.staffSignIn({ role: 'ops', pin: DEMO_STAFF_PINS.ops }))).code).toBe('SESSION_STATE');
    } finally {
      await served.close();
    }
  });
});

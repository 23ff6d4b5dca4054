import { toErrorData } from '../core/errors.ts';
import type { Registry, RegistryDiagnosis } from '../records/contract.ts';
import { OK_NOTHING_TO_DO, type CheckLevel, type CheckResult } from './report.ts';

/**
 * The registry section: reachability, latency, the TLS certificate's expiry and the kiosk
 * credential, from `Registry.diagnose()`. A registry client without `diagnose` is a warning
 * (it cannot be checked), never a crash.
 */
export const SLOW_REGISTRY_MS = 2000;
export const CERTIFICATE_WARN_DAYS = 30;

export interface RegistryCheckOptions {
  readonly registry: Registry;
  /** How the kiosk names it, e.g. "demo registry (seed 1)". */
  readonly description: string;
}

function reachability(d: RegistryDiagnosis): CheckResult {
  const base = { id: 'registry.reachability', label: 'Registry reachable', facts: { endpoint: d.endpoint, latencyMs: d.latencyMs } };
  if (!d.reachable) {
    return {
      ...base,
      level: 'broken',
      words: `not reachable at ${d.endpoint}${d.error === undefined ? '' : `: ${d.error.message}`}`,
      whatToDo: d.error?.hint ?? 'Check the kiosk network (cable, Wi-Fi, VPN) and that the registry address in the configuration is right.',
      code: d.error?.code ?? 'REGISTRY_UNAVAILABLE',
    };
  }
  const latency = d.latencyMs === null ? 'latency unknown' : `answers in ${d.latencyMs} ms`;
  if (d.latencyMs !== null && d.latencyMs > SLOW_REGISTRY_MS) {
    return { ...base, level: 'warn', words: `reachable but slow: ${latency}`, whatToDo: 'Residents will wait: check the network link (signal, VPN) and ask the registry operator about its load.' };
  }
  return { ...base, level: 'ok', words: `reachable at ${d.endpoint}, ${latency}`, whatToDo: OK_NOTHING_TO_DO };
}

function certificate(d: RegistryDiagnosis): CheckResult {
  const base = { id: 'registry.tls', label: 'Registry TLS certificate' };
  const tls = d.tls;
  if (tls === null) return { ...base, level: 'ok', words: 'no TLS on this connection (in-process or plain http)', whatToDo: OK_NOTHING_TO_DO };
  const facts = { validTo: tls.validTo, daysLeft: tls.daysLeft, subject: tls.subject ?? null, issuer: tls.issuer ?? null };
  if (tls.daysLeft < 0) return { ...base, level: 'broken', words: `expired on ${tls.validTo}`, whatToDo: 'The registry operator must renew its server certificate; check the kiosk clock is right too.', facts };
  if (tls.daysLeft <= CERTIFICATE_WARN_DAYS) return { ...base, level: 'warn', words: `expires in ${tls.daysLeft} day(s) (${tls.validTo})`, whatToDo: 'Tell the registry operator its server certificate needs renewing.', facts };
  return { ...base, level: 'ok', words: `valid until ${tls.validTo} (${tls.daysLeft} days)`, whatToDo: OK_NOTHING_TO_DO, facts };
}

const CREDENTIAL: Readonly<Record<RegistryDiagnosis['credential']['status'], { level: CheckLevel; words: string; whatToDo: string }>> = {
  ok: { level: 'ok', words: 'accepted', whatToDo: OK_NOTHING_TO_DO },
  'not-needed': { level: 'ok', words: 'not needed (demo registry)', whatToDo: OK_NOTHING_TO_DO },
  expiring: { level: 'warn', words: 'expires soon', whatToDo: 'Request a new kiosk credential from the Dukcapil registry operator and install it before it expires.' },
  expired: { level: 'broken', words: 'expired', whatToDo: 'Install a new kiosk credential from the Dukcapil registry operator (docs/operations.md).' },
  rejected: { level: 'broken', words: 'refused by the registry', whatToDo: 'Check the credential configured for this kiosk id with the registry operator; it may have been revoked.' },
  missing: { level: 'broken', words: 'not configured', whatToDo: 'Configure the kiosk credential for the registry (docs/operations.md).' },
};

function credential(d: RegistryDiagnosis): CheckResult {
  const c = CREDENTIAL[d.credential.status];
  const until = d.credential.expiresAt === null ? '' : ` (valid until ${d.credential.expiresAt})`;
  return { id: 'registry.credential', label: 'Kiosk credential', level: c.level, words: `${c.words}${until}`, whatToDo: c.whatToDo, facts: { status: d.credential.status, expiresAt: d.credential.expiresAt } };
}

export async function checkRegistry(options: RegistryCheckOptions): Promise<CheckResult[]> {
  const { registry } = options;
  if (registry.diagnose === undefined) {
    return [
      {
        id: 'registry.reachability',
        label: 'Registry reachable',
        level: 'warn',
        words: `${options.description}: this registry client cannot be checked (it has no diagnose())`,
        whatToDo: 'Update the kiosk software; until then, check the registry by printing a document.',
      },
    ];
  }
  let diagnosis: RegistryDiagnosis;
  try {
    diagnosis = await registry.diagnose();
  } catch (error) {
    const data = toErrorData(error);
    return [{ id: 'registry.reachability', label: 'Registry reachable', level: 'broken', words: `the check itself failed: ${data.message}`, whatToDo: data.hint ?? 'Check the application log.', code: data.code }];
  }
  const checks = [reachability(diagnosis), certificate(diagnosis), credential(diagnosis)];
  return checks;
}

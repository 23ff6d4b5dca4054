import { techContract, TECH_PREFIX } from '../../api/tech-contract.ts';
import { paperSettings } from '../config.ts';
import type { Kiosk } from '../kiosk.ts';
import { configurationProblems } from '../parts.ts';
import { staffApi, type StaffApi } from '../staff/staff-apis.ts';
import { TechService } from './tech-service.ts';

/** When this process started (for the kiosk's uptime in the report). */
const PROCESS_STARTED_AT = Date.now() - process.uptime() * 1000;

/** The technician contract on a running kiosk: `/tech`, a live technician token per call. */
export function techApi(kiosk: Kiosk): StaffApi {
  const { core } = kiosk;
  const service = new TechService({
    info: kiosk.info,
    printer: kiosk.printer,
    gate: core.gate,
    reader: kiosk.cardReader,
    registry: kiosk.registry,
    registryDescription: core.registry.description,
    printLog: kiosk.printLog,
    dataDir: core.dataDir,
    config: core.config,
    configProblems: configurationProblems(core.config, kiosk.printer.link),
    paperSettings: paperSettings(core.config),
    startedAt: PROCESS_STARTED_AT,
    clock: core.clock,
    audit: (action, detail) => kiosk.printLog.audit({ actor: 'technician', action, ...(detail === undefined ? {} : { detail }) }),
  });
  return staffApi({ role: 'technician', prefix: TECH_PREFIX, contract: techContract, handlers: service });
}

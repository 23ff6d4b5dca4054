import { opsContract, OPS_PREFIX } from '../../api/ops-contract.ts';
import { parseUtcOffset } from '../../print-log/index.ts';
import type { Kiosk } from '../kiosk.ts';
import { OpsService } from '../ops/ops-service.ts';
import { techApi } from '../tech/tech-api.ts';
import { staffApi, type StaffApi } from './staff-apis.ts';

/**
 * The staff contracts every kiosk serves, in one place for the loopback server (serve.ts) and
 * Electron's IPC (kiosk-shell/electron/main.ts): the ops API at `/ops` (issue 12) and the
 * technician API at `/tech` (issue 13, src/host/tech).
 */
export function kioskStaffApis(kiosk: Kiosk): StaffApi[] {
  const { config } = kiosk.core;
  const ops = new OpsService({
    printLog: kiosk.printLog,
    kioskId: config.kioskId,
    driveRoots: config.ops.driveRoots,
    utcOffsetMinutes: parseUtcOffset(config.ops.timeZone),
    report: (context, error) => kiosk.appLog.error(context, error),
  });
  return [staffApi({ role: 'ops', prefix: OPS_PREFIX, contract: opsContract, handlers: ops }), techApi(kiosk)];
}

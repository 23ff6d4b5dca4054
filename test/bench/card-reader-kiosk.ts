import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CardRead } from '../../device-drivers/card-reader/contract.ts';
import type { NodeHidApi } from '../../device-drivers/card-reader/node-hid-api.ts';
import { FakeHidBus } from '../../device-drivers/card-reader/testing/fake-hid-bus.ts';
import { FakeReaderModule } from '../../device-drivers/card-reader/testing/fake-reader-module.ts';
import type { LinkFaultOptions } from '../../device-drivers/card-reader/testing/link-faults.ts';
import { TEST_TIMING } from '../../device-drivers/card-reader/testing/hid-harness.ts';
import type { HidTiming } from '../../device-drivers/card-reader/hid-timing.ts';
import type { Availability, SessionView } from '../../src/api/contract.ts';
import { createAppLog } from '../../src/host/app-log.ts';
import { parseConfig } from '../../src/host/config.ts';
import { openKiosk, type Kiosk } from '../../src/host/kiosk.ts';
import { BUILT_IN_PARTS, hidReaderPart } from '../../src/host/parts.ts';

/**
 * The card reader inside the whole kiosk (issue 9, phase B), for card-reader.bench.ts: the
 * kiosk as `openKiosk` builds it (demo registry, print log, health monitor, session service)
 * with its `hid` reader on the fake bus, node-hid's stand-in.
 */

/** The fake bus, with a stamp taken when each report is handed to the driver (before the driver's own listener runs). */
export function stampedBus(bus: FakeHidBus, stamp: { at: bigint }): NodeHidApi {
  return {
    devicesAsync: (vendorId, productId) => bus.devicesAsync(vendorId, productId),
    HIDAsync: {
      open: async (path) => {
        const device = await bus.HIDAsync.open(path);
        device.prependListener('data', () => {
          stamp.at = process.hrtime.bigint();
        });
        return device;
      },
    },
  };
}

interface KioskRig {
  readonly kiosk: Kiosk;
  readonly bus: FakeHidBus;
  readonly module: FakeReaderModule;
  readonly stamp: { at: bigint };
  close(): Promise<void>;
}

async function kioskOnFakeBus(options: { link?: LinkFaultOptions; timing?: Partial<HidTiming> }): Promise<KioskRig> {
  const dataDir = mkdtempSync(join(tmpdir(), 'adm-bench-reader-'));
  const bus = new FakeHidBus();
  const module = new FakeReaderModule({ readMs: 0, replyDelayMs: 0, eventDelayMs: 0, ...(options.link === undefined ? {} : { link: options.link }) });
  bus.plug(module);
  const stamp = { at: 0n };
  const hid = stampedBus(bus, stamp);
  const kiosk = await openKiosk({
    config: parseConfig({ cardReader: { kind: 'hid' } }),
    dataDir,
    interactive: false,
    appLog: createAppLog({ dataDir, echo: false }),
    parts: { ...BUILT_IN_PARTS, cardReader: { ...BUILT_IN_PARTS.cardReader, hid: hidReaderPart({ hid, ...(options.timing === undefined ? {} : { timing: options.timing }) }) } },
  });
  return {
    kiosk,
    bus,
    module,
    stamp,
    close: async () => {
      await kiosk.close();
      bus.unplug(module.path);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function nextView(kiosk: Kiosk, step: string): Promise<bigint> {
  return new Promise((resolve) => {
    const off = kiosk.service.onSession((view: SessionView) => {
      if (view.state.step !== step) return;
      off();
      resolve(process.hrtime.bigint());
    });
  });
}

function nextAvailability(kiosk: Kiosk, inService: boolean): Promise<bigint> {
  return new Promise((resolve) => {
    const off = kiosk.health.onChange((availability: Availability) => {
      if (availability.inService !== inService) return;
      off();
      resolve(process.hrtime.bigint());
    });
  });
}

/**
 * Time from the last report of a card read (the READ_CARD reply's last report, as node-hid
 * would hand it over) to the session's `choosing` state: driver, session service, demo
 * registry lookup and the view the UI is sent. Each tap is lifted again (which ends the session
 * on the list) before the next.
 */
export async function kioskReadLatency(link: LinkFaultOptions, reads: number): Promise<number[]> {
  const rig = await kioskOnFakeBus({ link, timing: { ...TEST_TIMING, heartbeatMs: 60_000 } });
  try {
    const demo = rig.kiosk.demoRegistry;
    const citizen = demo?.demoCitizens().find((c) => c.documents.some((d) => d.status === 'ready'));
    if (citizen === undefined) throw new Error('the demo registry has no resident with a print-ready document');
    const card: CardRead = { nik: citizen.nik, uid: citizen.cardUid, name: citizen.name.toUpperCase(), validUntil: null };
    const samples: number[] = [];
    for (let i = 0; i < reads; i += 1) {
      const choosing = nextView(rig.kiosk, 'choosing');
      rig.module.tap(card);
      const at = await choosing;
      samples.push(Number(at - rig.stamp.at) / 1e6);
      const attract = nextView(rig.kiosk, 'attract');
      rig.module.lift();
      await attract;
    }
    return samples.slice(5);
  } finally {
    await rig.close();
  }
}

/**
 * With the driver's default timing (PROTOCOL.md section 9), how long the kiosk takes to go out
 * of service after the reader is pulled, and after its firmware hangs (no USB event: only the
 * unanswered heartbeats tell), and to come back after a replug or the firmware answering again.
 */
export async function readerOutageTimes(cycles: number): Promise<{ pull: number[]; replug: number[]; hang: number[]; unhang: number[] }> {
  const rig = await kioskOnFakeBus({});
  const out = { pull: [] as number[], replug: [] as number[], hang: [] as number[], unhang: [] as number[] };
  const ms = (from: bigint, to: bigint) => Number(to - from) / 1e6;
  // The kiosk's own timers do not hold the process open (unref); this bench waits on them.
  const keepAlive = setInterval(() => undefined, 1000);
  try {
    for (let i = 0; i < cycles; i += 1) {
      let down = nextAvailability(rig.kiosk, false);
      let start = process.hrtime.bigint();
      rig.bus.unplug(rig.module.path);
      out.pull.push(ms(start, await down));
      let up = nextAvailability(rig.kiosk, true);
      start = process.hrtime.bigint();
      rig.bus.plug(rig.module);
      out.replug.push(ms(start, await up));
      down = nextAvailability(rig.kiosk, false);
      start = process.hrtime.bigint();
      rig.module.hang();
      out.hang.push(ms(start, await down));
      up = nextAvailability(rig.kiosk, true);
      start = process.hrtime.bigint();
      rig.module.unhang();
      out.unhang.push(ms(start, await up));
    }
    return out;
  } finally {
    clearInterval(keepAlive);
    await rig.close();
  }
}

import { createInterface } from 'node:readline';
import { FakeHidBus } from '../../device-drivers/card-reader/testing/fake-hid-bus.ts';
import { FakeReaderModule } from '../../device-drivers/card-reader/testing/fake-reader-module.ts';
import { TEST_TIMING } from '../../device-drivers/card-reader/testing/hid-harness.ts';
import { ensureUiBuilt, uiDistDir } from '../../kiosk-shell/browser/ui-build.ts';
import { loadConfig } from '../../src/host/config.ts';
import { BUILT_IN_PARTS, hidReaderPart, type PartBuilders } from '../../src/host/parts.ts';
import { serveKiosk } from '../../src/host/serve.ts';

/**
 * The kiosk in production mode for the end-to-end test, served as `adm-kiosk start --shell
 * browser --headless` serves it (serveKiosk, the same config checks, the production rule
 * untouched), with one difference: the kiosk's own `hid` builder is given node-hid's
 * stand-in, the fake bus with a fake reader module (device-drivers/card-reader/testing), so
 * the real HID driver runs over node-hid's interface. A card is tapped on the module by a line on
 * stdin: `tap NIK UID` (`tap NIK UID pulled`: pulled mid-read), `lift`, `launch` (a new start link). The registry (http) and the printer (serial) are the built-in parts.
 *   node --import tsx test/e2e/production-kiosk.ts CONFIG DATA_DIR
 */
const [configFile, dataDir] = process.argv.slice(2);
if (configFile === undefined || dataDir === undefined) throw new Error('usage: production-kiosk.ts CONFIG DATA_DIR');
const config = loadConfig(configFile);
const bus = new FakeHidBus();
const module = new FakeReaderModule({ vendorId: 0x1209, productId: 0x0001 });
bus.plug(module);
const parts: PartBuilders = {
  registry: BUILT_IN_PARTS.registry,
  cardReader: { ...BUILT_IN_PARTS.cardReader, hid: hidReaderPart({ hid: bus, timing: TEST_TIMING }) },
};
await ensureUiBuilt((line) => process.stdout.write(`${line}\n`));
const served = await serveKiosk({ config, dataDir, uiDir: uiDistDir, parts, env: process.env });
const availability = served.kiosk.health.current();
process.stdout.write(`kiosk ${served.kiosk.info.kioskId} in ${served.kiosk.info.mode} mode; registry: ${served.kiosk.info.registry}; ${availability.inService ? 'in service' : 'OUT OF SERVICE'}\n`);
process.stdout.write(`Open the kiosk at: ${served.launchUrl()}\n`);
const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const [word, nik, uid, how] = line.trim().split(/\s+/);
  // `tap NIK UID pulled`: the card is pulled while it is being read.
  if (word === 'tap' && nik !== undefined && uid !== undefined) {
    if (how === 'pulled') module.pullDuringNextRead();
    module.tap({ nik, uid, name: 'WARGA', validUntil: null });
  }
  if (word === 'lift') module.lift();
  // Another one-time start link (a second page: a test's API client and its browser each need one).
  if (word === 'launch') process.stdout.write(`Open the kiosk at: ${served.launchUrl()}\n`);
});
const stop = () => {
  lines.close();
  served.close().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`stop failed: ${String(error)}\n`);
      process.exit(1);
    },
  );
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);

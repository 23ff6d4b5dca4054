import { loadConfig } from '../../host/config.ts';
import { registryKeyFile } from '../../host/parts.ts';
import { prepareDataDir } from '../../host/data-dir.ts';
import { DemoRegistry, demoStateFilePath } from '../../records/demo-registry.ts';
import { startRegistryServer } from '../../records/registry-server.ts';
import { loadKioskKey, loadKioskList, publicKeyText } from '../../records/request-signing.ts';
import { DATA_DIR_HELP, resolveDataDir } from '../data-dir.ts';
import { parseIntegerOption, parseOptions, requireOption, type CliIo, type Command } from '../command.ts';

/**
 * `adm-kiosk registry serve`: the demo registry over HTTP, with the API of
 * src/records/registry-api.yaml and its authentication; `adm-kiosk registry key`: this
 * kiosk's registry key (made on first use) and the line that enrols it at a registry.
 */
const SERVE_HELP = `adm-kiosk registry serve: the demo registry as an HTTP server

Usage:
  adm-kiosk registry serve --kiosks FILE [--port N] [--host ADDRESS] [--data-dir DIR] [--seed N]

Serves the demo residents and their one-time print PINs with the registry API
(src/records/registry-api.yaml) at http://ADDRESS:PORT/v1, for kiosks configured with
registry.kind "http". Every request must be signed by an enrolled kiosk (unknown kiosks,
stale timestamps and replayed requests are refused). Prints its URL, then one line per
request (operation, status, time; no personal data). Runs until Ctrl-C.

Its state (spent, locked and open PINs) is demo-registry.sqlite in the data folder, shared
safely with any other process on that folder; "adm-kiosk demo reset" clears it.

  --kiosks FILE     the enrolled kiosks: { "kiosks": { "KIOSK-ID": "PUBLIC KEY" } }, each
                    line as "adm-kiosk registry key" prints it on that kiosk
  --port N          port to listen on (default 8787; 0: any free port)
  --host ADDRESS    address to listen on (default 127.0.0.1)
  ${DATA_DIR_HELP}
  --seed N          demo population (default: the demo registry's own)
`;

const KEY_HELP = `adm-kiosk registry key: this kiosk's registry key, and how to enrol it

Usage:
  adm-kiosk registry key [--config FILE] [--data-dir DIR]

Prints the line a registry's kiosk list needs for this kiosk ("KIOSK-ID": "PUBLIC KEY"),
making the kiosk's Ed25519 key first if it has none (registry.keyFile, default
registry-key.pem in the data folder, readable only by the kiosk user). The private key never
leaves the kiosk.

  --config FILE     the kiosk configuration (its kioskId and registry.keyFile)
  ${DATA_DIR_HELP}
`;

export const registryServeCommand: Command = {
  path: ['registry', 'serve'],
  summary: 'serve the demo registry over HTTP with the registry API (for registry.kind "http")',
  help: SERVE_HELP,
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const { values } = parseOptions(args, {
      kiosks: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      seed: { type: 'string' },
      'data-dir': { type: 'string' },
    });
    const kiosks = loadKioskList(requireOption(values.kiosks, 'kiosks', 'a JSON file of enrolled kiosks and their public keys'));
    const port = values.port === undefined ? 8787 : parseIntegerOption(values.port, 'port', 0, 65535);
    const seed = values.seed === undefined ? undefined : parseIntegerOption(values.seed, 'seed', 1, 2 ** 31 - 1);
    const dataDir = prepareDataDir(resolveDataDir(values['data-dir'], io.env));
    const registry = new DemoRegistry({ stateFile: demoStateFilePath(dataDir), ...(seed === undefined ? {} : { seed }) });
    registry.demoCitizens(); // a damaged or foreign state is refused now, not at the first request
    const server = await startRegistryServer({ registry, kiosks, port, host: values.host ?? '127.0.0.1', log: (line) => io.stderr.write(`${line}\n`) });
    io.stdout.write(`Registry serving at ${server.url} (demo data, seed ${registry.seed}; ${kiosks.size} kiosk(s) enrolled; state ${demoStateFilePath(dataDir)})\n`);
    await new Promise<void>((resolve) => {
      if (io.signal.aborted) resolve();
      io.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    await server.close();
    registry.close();
    io.stdout.write('Registry stopped.\n');
    return 0;
  },
};

export const registryKeyCommand: Command = {
  path: ['registry', 'key'],
  summary: "print this kiosk's registry public key for enrolment (makes the key on first use)",
  help: KEY_HELP,
  run(args: readonly string[], io: CliIo): Promise<number> {
    return Promise.resolve().then(() => {
      const { values } = parseOptions(args, { config: { type: 'string' }, 'data-dir': { type: 'string' } });
      const config = loadConfig(values.config);
      const dataDir = prepareDataDir(resolveDataDir(values['data-dir'], io.env));
      const file = registryKeyFile(config, dataDir);
      const key = loadKioskKey(file, { create: true });
      io.stdout.write(`${JSON.stringify(config.kioskId)}: ${JSON.stringify(publicKeyText(key))}\n`);
      io.stderr.write(`(key ${file}; add the line above to the registry's kiosk list)\n`);
      return 0;
    });
  },
};

import { parentChannel, runCore } from './core-entry.ts';

/** The kiosk core's process entry (bundled as dist/electron/core.mjs). */
const channel = parentChannel();
if (channel === null) {
  console.error('adm-kiosk core: started without a supervisor. It runs under the Electron shell; to run the kiosk by hand use `adm-kiosk start`.');
  process.exit(2);
}
runCore({ channel, env: process.env, signals: process, exit: (code) => process.exit(code) }).catch((error: unknown) => {
  console.error('adm-kiosk core: failed to start:', error instanceof Error ? error.name : 'error');
  process.exit(1);
});

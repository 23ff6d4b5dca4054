import { cliBundleState } from '../bin/cli-bundle.mjs';
import { buildCli } from '../kiosk-shell/electron/build.ts';

/**
 * Before any test file: the compiled command line (dist/electron/cli.mjs) is current, so the
 * tests that spawn bin/adm-kiosk run the bundle that ships, and no test process pays for (or
 * prints the notice of) a rebuild. A fresh clone builds it here (esbuild, about a second).
 */
export default async function setup(): Promise<void> {
  const state = cliBundleState();
  if (state.current) return;
  console.warn(`Building the command line into dist/electron for the tests (${state.reason})...`);
  await buildCli();
}

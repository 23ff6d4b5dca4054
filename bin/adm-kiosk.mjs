// The adm-kiosk command: runs the compiled command line, dist/electron/cli.mjs (the same bundle
// the packaged app ships). When it is missing or older than its sources it is rebuilt first
// (esbuild, about a second; installed with tsx, a dependency), saying so on stderr; when it
// cannot be written (a service user on root's checkout) the TypeScript sources run through
// tsx, saying so. Old code never runs silently. ADM_KIOSK_FROM_SOURCES=1
// runs the sources through tsx on purpose; ADM_KIOSK_BUNDLE_DIR puts the bundle elsewhere
// (the tests' own folder under dist/). See docs/decisions/1404-compiled-command-line.md.
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleDir, cliBundleState, root } from './cli-bundle.mjs';

// `adm-kiosk demo citizens | head`: the reader went away; that is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

/** Runs `load` with tsx registered, so that it may import TypeScript; unregisters it after. */
async function withTsx(load) {
  const { register } = await import('tsx/esm/api');
  const unregister = register();
  try {
    return await load();
  } finally {
    await unregister();
  }
}

/** The command line from its TypeScript sources: tsx stays registered, as each command's module loads when it runs. */
async function fromSources() {
  const { register } = await import('tsx/esm/api');
  register();
  return import('../src/cli/main.ts');
}

/** The CLI's module: the bundle (rebuilt when stale), or the sources when it cannot be. */
async function loadCli() {
  if (process.env.ADM_KIOSK_FROM_SOURCES === '1') return fromSources();
  const dir = process.env.ADM_KIOSK_BUNDLE_DIR || bundleDir;
  const state = cliBundleState(dir);
  if (!state.current) {
    console.error(`adm-kiosk: building the command line into ${relative(root, dir)} (${state.reason})...`);
    try {
      await withTsx(async () => (await import('../kiosk-shell/electron/build.ts')).buildCli(dir));
    } catch (error) {
      // A checkout this user may not write to (a service user running root's checkout): the sources still run.
      if (['EACCES', 'EPERM', 'EROFS'].includes(error?.code)) {
        console.error(`adm-kiosk: cannot write the command line into ${relative(root, dir)} (${error.code}): running the TypeScript sources (slower start). Run npm run build:cli as the owner of ${root}.`);
        return fromSources();
      }
      console.error(`adm-kiosk: the command line did not build: ${error instanceof Error ? error.message : String(error)}`);
      console.error(`  Fix the source named above (or run with ADM_KIOSK_FROM_SOURCES=1 to see the error from the sources) in ${root}.`);
      process.exit(1);
    }
  }
  return import(pathToFileURL(join(dir, 'cli.mjs')).href);
}

const { main } = await loadCli();
// Should the event loop ever drain while a command is still pending, that is a bug: say so
// and exit non-zero instead of reporting success.
const PENDING = 70;
process.exitCode = PENDING;
process.once('exit', (code) => {
  if (code === PENDING) console.error('adm-kiosk: internal error: the command stopped before it finished. Please report this.');
});
process.exitCode = await main(process.argv.slice(2));

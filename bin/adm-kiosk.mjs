// Registers tsx so the TypeScript sources run directly, then hands over to the CLI.
import { register } from 'tsx/esm/api';

register();
// `adm-kiosk demo citizens | head`: the reader went away; that is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
const { main } = await import('../src/cli/main.ts');
// Should the event loop ever drain while a command is still pending, that is a bug: say so
// and exit non-zero instead of reporting success.
const PENDING = 70;
process.exitCode = PENDING;
process.once('exit', (code) => {
  if (code === PENDING) console.error('adm-kiosk: internal error: the command stopped before it finished. Please report this.');
});
process.exitCode = await main(process.argv.slice(2));

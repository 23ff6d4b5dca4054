import { describe, expect, it } from 'vitest';
import { cliArguments } from './cli-args.ts';

describe('the packaged app as the command line', () => {
  it('runs the CLI with what follows --adm-cli --, as /usr/bin/adm-kiosk passes it', () => {
    expect(cliArguments(['/opt/ADM Kiosk/adm-kiosk-shell', '--ozone-platform=headless', '--disable-gpu', '--adm-cli', '--', 'diag', '--json'])).toEqual(['diag', '--json']);
    expect(cliArguments(['/opt/ADM Kiosk/adm-kiosk-shell', '--adm-cli', 'log', 'stats'])).toEqual(['log', 'stats']);
  });

  it('without the flag the app is the kiosk', () => {
    expect(cliArguments(['/opt/ADM Kiosk/adm-kiosk-shell', '--ozone-platform-hint=auto'])).toBeNull();
  });
});

import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parsePinHash, verifyPin } from '../../host/staff/pin-hash.ts';
import { runCli } from '../main.ts';
import { fakeIo } from '../testing.ts';

function withStdin(text: string) {
  return { ...fakeIo(), stdin: Readable.from([text]) };
}

describe('adm-kiosk staff hash-pin', () => {
  it('reads the PIN twice from standard input lines and prints a hash the kiosk accepts for that PIN', async () => {
    const io = withStdin('73519246\n73519246\n');
    expect(await runCli(['staff', 'hash-pin', '--role', 'technician'], io)).toBe(0);
    const line = io.out().trim();
    expect(line).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPin('73519246', parsePinHash(line))).toBe(true);
    expect(io.out()).not.toContain('73519246');
    expect(io.err()).toContain('technicianPinHash');
  });

  it('exits 2 naming the problem: PINs that differ, a PIN that is not 6-12 digits, only one line, a bad role', async () => {
    const cases: [string[], string, RegExp][] = [
      [[], '111111\n111112\n', /The two PINs differ/],
      [[], '12345\n12345\n', /6 to 12 digits/],
      [[], '111111\n', /Give the PIN twice/],
      [['--role', 'boss'], '111111\n111111\n', /--role must be ops or technician/],
    ];
    for (const [args, input, message] of cases) {
      const io = withStdin(input);
      expect(await runCli(['staff', 'hash-pin', ...args], io)).toBe(2);
      expect(io.err()).toMatch(message);
      expect(io.out()).toBe('');
    }
  });
});

import { spawn, type ChildProcess } from 'node:child_process';
import { KioskError } from '../../src/core/errors.ts';

/**
 * A pair of connected pseudo-terminals from socat: bytes written to one end come out of the
 * other, like a null-modem cable. Used by the serial tests and by technicians to run the
 * emulator (`adm-kiosk emulator --device ...`) against the kiosk without hardware.
 */
export interface PtyPair {
  readonly a: string;
  readonly b: string;
  readonly process: ChildProcess;
  /** Ends socat: both ends go away (the serial ports see a hang-up). */
  kill(): Promise<void>;
}

/**
 * Starts socat. With `links`, socat also makes symlinks at those two paths to the two ends, so
 * a restarted pair can appear at the same paths (a cable plugged back in).
 */
export function startPtyPair(timeoutMs = 5000, links?: readonly [string, string]): Promise<PtyPair> {
  return new Promise<PtyPair>((resolve, reject) => {
    const end = (link: string | undefined): string => `pty,raw,echo=0${link === undefined ? '' : `,link=${link}`}`;
    const child = spawn('socat', ['-d', '-d', end(links?.[0]), end(links?.[1])], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    const ptys: string[] = [];
    let exited = false;
    // socat must not outlive this process, even when it exits without calling kill().
    const killOnExit = (): void => {
      if (!exited) child.kill('SIGTERM');
    };
    process.once('exit', killOnExit);
    const exitedPromise = new Promise<void>((done) =>
      child.once('exit', () => {
        exited = true;
        process.off('exit', killOnExit);
        done();
      }),
    );
    const kill = async (): Promise<void> => {
      if (!exited) child.kill('SIGTERM');
      await exitedPromise;
    };
    const timer = setTimeout(() => {
      void kill();
      reject(new KioskError('INTERNAL', `socat did not report two ptys within ${timeoutMs} ms: ${stderr.slice(0, 500)}`));
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new KioskError('INTERNAL', 'socat could not be started; install it (apt-get install socat).', { cause: error }));
    });
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (text: string) => {
      stderr += text;
      for (const match of text.matchAll(/PTY is (\/dev\/\S+)/g)) if (match[1] !== undefined) ptys.push(match[1]);
      if (ptys.length >= 2 && /starting data transfer loop/.test(stderr)) {
        clearTimeout(timer);
        const [a, b] = links ?? (ptys as [string, string]);
        resolve({ a, b, process: child, kill });
      }
    });
  });
}

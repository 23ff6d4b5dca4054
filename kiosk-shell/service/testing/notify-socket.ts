import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/**
 * Test support: a service manager's notification socket (an AF_UNIX datagram socket, which
 * Node cannot open) played by a tiny Python listener. It answers systemd-notify's barrier by
 * closing the file descriptor each BARRIER=1 carries, as systemd does, and reports every
 * other datagram. Not packaged (electron-builder leaves testing/ folders out).
 */
const LISTENER = `
import array, json, os, socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
print(json.dumps("listening"), flush=True)
while True:
    data, ancillary, _flags, _addr = s.recvmsg(65536, socket.CMSG_SPACE(16 * 4))
    for level, kind, payload in ancillary:
        if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
            fds = array.array("i")
            fds.frombytes(payload[: len(payload) - len(payload) % 4])
            for fd in fds:
                os.close(fd)
    text = data.decode("utf-8", "replace")
    if text != "BARRIER=1":
        print(json.dumps(text), flush=True)
`;

export interface NotifySocket {
  readonly path: string;
  /** Every datagram received, in order (barriers left out). */
  readonly messages: string[];
  /** Resolves with the first message (already received or to come) that `predicate` accepts. */
  next(predicate: (message: string) => boolean, timeoutMs?: number): Promise<string>;
  close(): void;
}

export async function listenNotifySocket(): Promise<NotifySocket> {
  const path = join(mkdtempSync(join(tmpdir(), 'adm-notify-')), 'notify.sock');
  const child = spawn('python3', ['-u', '-c', LISTENER, path], { stdio: ['ignore', 'pipe', 'inherit'] });
  const messages: string[] = [];
  const waiters = new Set<() => void>();
  const lines = createInterface({ input: child.stdout });
  await new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the notify socket listener exited with ${code}`)));
    lines.once('line', () => resolve());
  });
  lines.on('line', (line) => {
    messages.push(JSON.parse(line) as string);
    for (const wake of waiters) wake();
  });
  return {
    path,
    messages,
    next: (predicate, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const found = messages.find(predicate);
          if (found === undefined) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no such notification within ${timeoutMs} ms; got ${JSON.stringify(messages)}`));
        }, timeoutMs);
        if (!check()) waiters.add(check);
      }),
    close: () => void child.kill('SIGKILL'),
  };
}

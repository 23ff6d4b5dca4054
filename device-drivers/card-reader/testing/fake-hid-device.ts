import { EventEmitter } from 'node:events';
import type { HIDAsync, HidDeviceInfo } from '../node-hid-api.ts';

/** The reader module behind a fake device: takes the host's output reports, sends input reports. */
export interface FakeHidEndpoint {
  /** An output report as the device receives it (report id stripped: 64 bytes). */
  receive(report: Uint8Array): void;
  /** The device info node-hid would give. */
  info(): HidDeviceInfo;
  /** The handle closed (by the host or by unplugging). */
  detachHandle(handle: FakeHidDevice): void;
}

/**
 * A device handle with node-hid's own `HIDAsync` interface, behaving as node-hid 3 does on
 * Linux (hidraw): 'data' events carry a Buffer per input report (no report id: 64 bytes)
 * and start when a 'data' listener is added (reports received before that wait, as in the
 * kernel's hidraw queue); `write` takes the report id first (0x00: the reader has no numbered
 * reports) and resolves to the bytes written; an unplugged device emits one 'error' ("could
 * not read from HID device") and rejects writes; a closed one rejects everything with
 * "device has been closed". Data is delivered in a later macrotask, like node-hid's read
 * thread does.
 */
export class FakeHidDevice extends EventEmitter implements HIDAsync {
  private closed = false;
  private closing = false;
  private unplugged = false;
  private reading = false;
  private readonly pending: Buffer[] = [];

  constructor(private readonly endpoint: FakeHidEndpoint) {
    super();
    this.on('newListener', (event: string) => {
      if (event === 'data') process.nextTick(() => this.resume());
    });
    this.on('removeListener', (event: string) => {
      if (event === 'data' && this.listenerCount('data') === 0) process.nextTick(() => this.pause());
    });
  }

  /** The reader module sends an input report. */
  deliver(report: Uint8Array): void {
    if (this.closed || this.closing || this.unplugged) return;
    this.pending.push(Buffer.from(report));
    if (this.reading) this.schedule();
  }

  /** The cable is pulled: node-hid's read thread fails once. */
  unplug(): void {
    if (this.unplugged || this.closed) return;
    this.unplugged = true;
    this.pending.length = 0;
    setImmediate(() => {
      if (!this.closing && !this.closed && this.reading) this.emit('error', new Error('could not read from HID device: hid_read_timeout: unexpected poll error (device disconnected)'));
    });
  }

  get isClosed(): boolean {
    return this.closed;
  }

  async close(): Promise<void> {
    if (this.closed) throw new TypeError('device is already closed');
    this.closing = true;
    await new Promise((resolve) => setImmediate(resolve));
    this.reading = false;
    this.pending.length = 0;
    this.endpoint.detachHandle(this);
    this.removeAllListeners();
    this.closed = true;
  }

  pause(): void {
    this.reading = false;
  }

  resume(): void {
    if (this.closed || this.listenerCount('data') === 0) return;
    this.reading = true;
    this.schedule();
  }

  async read(timeOut?: number): Promise<Buffer | undefined> {
    this.assertOpen();
    if (this.reading) throw new TypeError('Cannot use read while async read is running');
    if (this.unplugged) throw new Error('could not read data from device');
    const next = this.pending.shift();
    if (next !== undefined || timeOut === undefined || timeOut <= 0) return next;
    await new Promise((resolve) => setTimeout(resolve, timeOut));
    return this.pending.shift();
  }

  async write(values: number[] | Buffer): Promise<number> {
    this.assertOpen();
    if (!Array.isArray(values) && !Buffer.isBuffer(values)) throw new TypeError('HID write requires one argument');
    await new Promise((resolve) => setImmediate(resolve));
    if (this.closed) throw new Error('device has been closed');
    if (this.unplugged) throw new Error('Cannot write to hid device: No such device');
    const bytes = Uint8Array.from(values);
    if (bytes[0] !== 0) throw new Error(`Cannot write to hid device: the reader has no numbered reports (report id ${bytes[0] ?? 'missing'})`);
    this.endpoint.receive(bytes.subarray(1));
    return bytes.length;
  }

  async sendFeatureReport(_data: number[] | Buffer): Promise<number> {
    this.assertOpen();
    return Promise.reject(new Error('could not send feature report to device'));
  }

  async getFeatureReport(_reportId: number, _reportLength: number): Promise<Buffer> {
    this.assertOpen();
    return Promise.reject(new Error('could not get feature report from device'));
  }

  async setNonBlocking(_noBlock: boolean): Promise<void> {
    this.assertOpen();
    return Promise.resolve();
  }

  async getDeviceInfo(): Promise<HidDeviceInfo> {
    this.assertOpen();
    return Promise.resolve(this.endpoint.info());
  }

  private assertOpen(): void {
    if (this.closed) throw new TypeError('device has been closed');
  }

  private scheduled = false;

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      // One report per macrotask, as node-hid's read thread hands them over one by one.
      if (!this.reading || this.closing || this.closed) return;
      const report = this.pending.shift();
      if (report === undefined) return;
      this.emit('data', report);
      if (this.pending.length > 0) this.schedule();
    });
  }
}

import type { HrTime } from '@opentelemetry/api';
import { SeverityNumber, type LogAttributes } from '@opentelemetry/api-logs';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import type { ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { KioskError } from '../../core/errors.ts';
import { chainRowsAfter, type ChainRow, type PrintLog } from '../../print-log/index.ts';
import { readCursor, writeCursor } from './fleet-cursor.ts';

/**
 * Pushes the print log's chain (print job events and audit rows, in chain order) to a central
 * collector as OpenTelemetry logs over OTLP/HTTP, so that any OTLP collector and the backends
 * it feeds receive them. At least once: a batch is sent, and only when the collector
 * acknowledges it does the persisted cursor move past it; a batch that fails is sent again
 * later (bounded batches, so a kiosk offline for days catches up batch by batch). Every record
 * carries an idempotent row id (`adm.row_id` = `<kioskId>:<chain position>`) and the row's
 * chain hash, so the central side keeps each row once and can check it. No personal data:
 * events carry the job id, document type, states, pages and error code, never the NIK.
 */
export interface FleetPushOptions {
  readonly log: PrintLog;
  readonly dataDir: string;
  readonly kioskId: string;
  readonly version: string;
  /** OTLP/HTTP logs endpoint, e.g. http://collector.example:4318/v1/logs */
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly batchSize: number;
  readonly intervalMs: number;
  readonly timeoutMs?: number;
  /** Technical errors for the application log (one line per failed round, not per retry). */
  readonly report: (context: string, error: unknown) => void;
}

export interface PushRound {
  readonly sent: number;
  readonly cursor: number;
}

const SCOPE = { name: 'adm-kiosk.print-log', version: '1' };

function hrTime(iso: string): HrTime {
  const ms = Date.parse(iso);
  return [Math.floor(ms / 1000), (ms % 1000) * 1_000_000];
}

export class FleetPush {
  private readonly exporter: OTLPLogExporter;
  private readonly resource;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private round: Promise<PushRound> | null = null;
  private stopped = false;
  private failing = false;

  constructor(private readonly options: FleetPushOptions) {
    this.exporter = new OTLPLogExporter({
      url: options.url,
      headers: { ...(options.headers ?? {}) },
      timeoutMillis: options.timeoutMs ?? 10_000,
      concurrencyLimit: 1,
    });
    this.resource = resourceFromAttributes({ 'service.name': 'adm-kiosk', 'service.instance.id': options.kioskId, 'service.version': options.version });
  }

  /** The last acknowledged chain position. */
  cursor(): number {
    return readCursor(this.options.dataDir, this.options.url);
  }

  /** Pushes every row after the cursor, batch by batch, until none is left or a batch fails. */
  async drain(): Promise<PushRound> {
    let sent = 0;
    for (;;) {
      const round = await this.pushBatch();
      sent += round.sent;
      if (round.sent < this.options.batchSize) return { sent, cursor: round.cursor };
    }
  }

  /** One batch: at most `batchSize` rows after the cursor; the cursor moves only when the collector acknowledged them. */
  async pushBatch(): Promise<PushRound> {
    const after = this.cursor();
    const rows = chainRowsAfter(this.options.log, after, this.options.batchSize);
    if (rows.length === 0) return { sent: 0, cursor: after };
    const result = await new Promise<ExportResult>((resolve) => this.exporter.export(rows.map((row) => this.record(row)), resolve));
    if (result.code !== ExportResultCode.SUCCESS) {
      throw new KioskError('FLEET_PUSH_FAILED', `The fleet collector did not take ${rows.length} log row(s) after position ${after}; they are sent again later.`, {
        hint: `Check that the collector at ${this.options.url} is reachable.`,
        ...(result.error === undefined ? {} : { cause: result.error }),
      });
    }
    const last = rows.at(-1)?.seq ?? after;
    writeCursor(this.options.dataDir, this.options.url, last);
    return { sent: rows.length, cursor: last };
  }

  /** Pushes every `intervalMs` (and at once); a failed round is reported once until a round succeeds again. */
  start(): void {
    const tick = () => {
      this.timer = null;
      if (this.stopped) return;
      this.round = this.drain();
      this.round.then(
        () => {
          this.failing = false;
        },
        (error: unknown) => {
          if (!this.failing) this.options.report('fleet push', error);
          this.failing = true;
        },
      ).finally(() => {
        this.round = null;
        if (!this.stopped) {
          this.timer = setTimeout(tick, this.options.intervalMs);
          this.timer.unref();
        }
      }).catch(() => undefined);
    };
    tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    await this.round?.catch(() => undefined);
    await this.exporter.shutdown().catch(() => undefined);
  }

  private record(row: ChainRow): ReadableLogRecord {
    const attributes: LogAttributes = {
      'adm.row_id': `${this.options.kioskId}:${row.seq}`,
      'adm.kiosk_id': this.options.kioskId,
      'adm.seq': row.seq,
      'adm.kind': row.kind,
      'adm.hash': row.hash,
      ...(row.kind === 'print_event'
        ? {
            'adm.job_id': row.jobId ?? -1,
            'adm.document_type': row.documentType ?? '',
            'adm.from_state': row.fromState ?? '',
            'adm.to_state': row.toState ?? '',
            'adm.pages_done': row.pagesDone ?? 0,
            ...(row.errorCode === null ? {} : { 'adm.error_code': row.errorCode }),
          }
        : { 'adm.actor': row.actor ?? '', 'adm.action': row.action ?? '' }),
      ...(row.detail === null ? {} : { 'adm.detail': row.detail }),
    };
    const failed = row.errorCode !== null && row.kind === 'print_event';
    return {
      hrTime: hrTime(row.at),
      hrTimeObserved: hrTime(row.at),
      severityNumber: failed ? SeverityNumber.WARN : SeverityNumber.INFO,
      severityText: failed ? 'WARN' : 'INFO',
      body: row.kind === 'audit' ? `${row.actor ?? '?'} ${row.action ?? '?'}` : `job ${row.jobId ?? '?'} ${row.fromState ?? 'new'} -> ${row.toState ?? '?'}`,
      eventName: row.kind === 'audit' ? 'adm.audit' : 'adm.print_event',
      resource: this.resource,
      instrumentationScope: SCOPE,
      attributes,
      droppedAttributesCount: 0,
    };
  }
}

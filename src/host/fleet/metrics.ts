import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { KIOSK_PARTS, type Availability, type KioskInfo } from '../../api/contract.ts';
import { logTotals, paperUsed, type PrintLog } from '../../print-log/index.ts';

/**
 * The kiosk's Prometheus metrics (prom-client, its own registry), computed from the print log
 * and the health monitor at each scrape: prints, failures, paper since refill, device state,
 * the chain's head and the fleet push's cursor. No personal data.
 */
export interface MetricsSources {
  readonly info: KioskInfo;
  readonly log: PrintLog;
  readonly availability: () => Availability;
  /** The fleet push's acknowledged position (absent: no fleet push configured). */
  readonly fleetCursor?: () => number;
}

export function kioskMetrics(sources: MetricsSources): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'adm_kiosk_process_' });
  const { info, log } = sources;
  new Gauge({ name: 'adm_kiosk_info', help: 'The kiosk: id, version and mode (always 1).', labelNames: ['kiosk_id', 'version', 'mode'], registers: [registry] }).set(
    { kiosk_id: info.kioskId, version: info.version, mode: info.mode },
    1,
  );
  new Gauge({
    name: 'adm_kiosk_in_service',
    help: '1 while every part a resident needs works, 0 while the kiosk is out of service.',
    registers: [registry],
    collect() {
      this.set(sources.availability().inService ? 1 : 0);
    },
  });
  new Gauge({
    name: 'adm_kiosk_part_up',
    help: 'Per part (printer, card-reader, registry): 1 when it works, 0 when it has a problem.',
    labelNames: ['part'],
    registers: [registry],
    collect() {
      const problems = sources.availability().problems;
      for (const part of KIOSK_PARTS) this.set({ part }, problems.some((p) => p.part === part) ? 0 : 1);
    },
  });
  new Gauge({
    name: 'adm_kiosk_part_problem',
    help: 'The current problem of a part, by error code (1 while it lasts).',
    labelNames: ['part', 'code'],
    registers: [registry],
    collect() {
      this.reset();
      for (const problem of sources.availability().problems) this.set({ part: problem.part, code: problem.error.code }, 1);
    },
  });
  new Gauge({
    name: 'adm_kiosk_print_jobs',
    help: 'Print jobs in the log by document type and state.',
    labelNames: ['document_type', 'state'],
    registers: [registry],
    collect() {
      this.reset();
      for (const row of logTotals(log).jobs) this.set({ document_type: row.documentType, state: row.state }, row.count);
    },
  });
  new Gauge({
    name: 'adm_kiosk_print_failures',
    help: 'Print jobs that failed (failed, needs-review, interrupted) by error code.',
    labelNames: ['code'],
    registers: [registry],
    collect() {
      this.reset();
      for (const row of logTotals(log).failures) this.set({ code: row.code }, row.count);
    },
  });
  new Gauge({
    name: 'adm_kiosk_pages_printed',
    help: 'Pages the printer confirmed, all jobs.',
    registers: [registry],
    collect() {
      this.set(logTotals(log).pagesPrinted);
    },
  });
  new Gauge({
    name: 'adm_kiosk_paper_used_since_refill',
    help: 'Paper used since the last refill recorded on the ops screen: A4 sheets, cards.',
    labelNames: ['kind'],
    registers: [registry],
    collect() {
      const paper = paperUsed(log);
      this.set({ kind: 'sheets' }, paper.sheets);
      this.set({ kind: 'cards' }, paper.cards);
    },
  });
  new Gauge({
    name: 'adm_kiosk_log_chain_head',
    help: "The print log chain's newest position (rows written, events and audit).",
    registers: [registry],
    collect() {
      this.set(log.chainHeadSeq());
    },
  });
  const cursor = sources.fleetCursor;
  if (cursor !== undefined) {
    new Gauge({
      name: 'adm_kiosk_fleet_cursor',
      help: 'The chain position the fleet collector acknowledged last (head minus this: rows not yet pushed).',
      registers: [registry],
      collect() {
        this.set(cursor());
      },
    });
  }
  return registry;
}

export interface MetricsServer {
  readonly url: string;
  close(): Promise<void>;
}

/** Serves `GET /metrics` on 127.0.0.1 only. */
export async function startMetricsServer(registry: Registry, port: number, report: (context: string, error: unknown) => void): Promise<MetricsServer> {
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
      (error: unknown) => {
        report('metrics', error);
        res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics failed');
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}/metrics`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

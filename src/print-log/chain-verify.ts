import type Database from 'better-sqlite3';
import { canonicalAudit, canonicalEvent, GENESIS_HASH, jobHashOfValues, linkHash } from './chain.ts';
import { JOB_COLUMNS } from './job-row.ts';

/** Where the chain first fails: the table, the row's id, and why in words. */
export interface ChainBreak {
  readonly table: 'print_events' | 'audit' | 'print_jobs' | 'chain_head';
  readonly id: number;
  readonly reason: string;
}

export interface ChainReport {
  /** True when every chained row, every job row and the head match. */
  readonly ok: boolean;
  /** Chained rows checked (events and audit rows). */
  readonly rows: number;
  /** Job rows checked against their newest event. */
  readonly jobs: number;
  /** The newest link as `chain_head` holds it (null when the table is empty or missing). */
  readonly head: { readonly seq: number; readonly hash: string } | null;
  readonly firstBad?: ChainBreak;
}

interface LinkRow {
  t: 'e' | 'a';
  id: number;
  seq: number | null;
  job_id: number | null;
  at: string;
  from_state: string | null;
  to_state: string | null;
  pages_done: number | null;
  bytes_sent: number | null;
  error_code: string | null;
  detail: string | null;
  job_hash: string | null;
  actor: string | null;
  action: string | null;
  hash: string | null;
}

const LINKS_SQL = `
  SELECT 'e' AS t, id, seq, job_id, at, from_state, to_state, pages_done, bytes_sent, error_code, detail, job_hash, NULL AS actor, NULL AS action, hash FROM print_events
  UNION ALL
  SELECT 'a' AS t, id, seq, NULL, at, NULL, NULL, NULL, NULL, NULL, detail, NULL, actor, action, hash FROM audit
  ORDER BY seq`;

function linkRow(v: unknown[]): LinkRow {
  return {
    t: v[0] as LinkRow['t'],
    id: v[1] as number,
    seq: v[2] as number | null,
    job_id: v[3] as number | null,
    at: v[4] as string,
    from_state: v[5] as string | null,
    to_state: v[6] as string | null,
    pages_done: v[7] as number | null,
    bytes_sent: v[8] as number | null,
    error_code: v[9] as string | null,
    detail: v[10] as string | null,
    job_hash: v[11] as string | null,
    actor: v[12] as string | null,
    action: v[13] as string | null,
    hash: v[14] as string | null,
  };
}

function canonical(row: LinkRow, seq: number): string {
  if (row.t === 'a') return canonicalAudit({ id: row.id, seq, at: row.at, actor: row.actor ?? '', action: row.action ?? '', detail: row.detail });
  return canonicalEvent({
    id: row.id,
    seq,
    job_id: row.job_id ?? -1,
    at: row.at,
    from_state: row.from_state,
    to_state: row.to_state ?? '',
    pages_done: row.pages_done ?? -1,
    bytes_sent: row.bytes_sent ?? -1,
    error_code: row.error_code,
    detail: row.detail,
    job_hash: row.job_hash,
  });
}

/** Pass 1: the chained rows in `seq` order and the head. `rows`: how many matched before the first bad one. */
export interface LinksResult {
  readonly rows: number;
  readonly head: ChainReport['head'];
  readonly firstBad?: ChainBreak;
}

/** Pass 2: every job row against its newest event, then events whose job row is gone. */
export interface JobsResult {
  readonly jobs: number;
  readonly firstBad?: ChainBreak;
}

export function verifyLinks(db: Database.Database, key: Buffer): LinksResult {
  const head = (db.prepare('SELECT seq, hash FROM chain_head WHERE id = 1').get() as { seq: number; hash: string } | undefined) ?? null;
  let rows = 0;
  let previous = GENESIS_HASH;
  let expected = 1;
  const fail = (firstBad: ChainBreak): LinksResult => ({ rows, head, firstBad });
  const table = (row: LinkRow) => (row.t === 'a' ? 'audit' : 'print_events');

  for (const values of db.prepare(LINKS_SQL).raw(true).iterate() as IterableIterator<unknown[]>) {
    const row = linkRow(values);
    if (row.seq === null || row.hash === null) return fail({ table: table(row), id: row.id, reason: 'the row has no place in the chain (no seq or hash): it was inserted by hand' });
    if (row.seq < expected) return fail({ table: table(row), id: row.id, reason: `a second row claims chain position ${row.seq}: a row was inserted` });
    if (row.seq > expected) {
      const missing = row.seq - expected;
      return fail({ table: table(row), id: row.id, reason: `${missing} row(s) before this one are missing (positions ${expected}${missing > 1 ? `-${row.seq - 1}` : ''}): deleted` });
    }
    const hash = linkHash(key, previous, canonical(row, row.seq));
    if (hash !== row.hash) return fail({ table: table(row), id: row.id, reason: `the row does not match its hash at chain position ${row.seq}: it was edited, moved or inserted` });
    previous = hash;
    expected += 1;
    rows += 1;
  }
  if (head === null) {
    if (rows > 0) return fail({ table: 'chain_head', id: 1, reason: 'the chain head is missing: it was deleted' });
  } else if (head.seq !== rows || head.hash !== (rows === 0 ? GENESIS_HASH : previous)) {
    return fail({
      table: 'chain_head',
      id: 1,
      reason:
        head.seq > rows
          ? `the chain ends at position ${rows} but its head says ${head.seq}: the newest ${head.seq - rows} row(s) were deleted`
          : `the chain head (position ${head.seq}) does not match the last row (position ${rows}): it was edited`,
    });
  }
  return { rows, head };
}

export function verifyJobs(db: Database.Database): JobsResult {
  let jobs = 0;
  const jobSql = `SELECT ${JOB_COLUMNS}, (SELECT e.job_hash FROM print_events e WHERE e.job_id = print_jobs.id ORDER BY e.id DESC LIMIT 1) AS last_hash FROM print_jobs ORDER BY id`;
  for (const values of db.prepare(jobSql).raw(true).iterate() as IterableIterator<unknown[]>) {
    const expectedHash = values.pop() as string | null;
    const id = values[0] as number;
    if (expectedHash === null) return { jobs, firstBad: { table: 'print_jobs', id, reason: 'the job row has no event in the chain: it was inserted by hand' } };
    if (jobHashOfValues(values) !== expectedHash) return { jobs, firstBad: { table: 'print_jobs', id, reason: 'the job row does not match what its newest event recorded: it was edited' } };
    jobs += 1;
  }
  const orphan = db.prepare('SELECT e.id, e.job_id FROM print_events e WHERE NOT EXISTS (SELECT 1 FROM print_jobs j WHERE j.id = e.job_id) ORDER BY e.seq LIMIT 1').get() as
    | { id: number; job_id: number }
    | undefined;
  if (orphan !== undefined) return { jobs, firstBad: { table: 'print_jobs', id: orphan.job_id, reason: `the job row is missing although event ${orphan.id} records it: it was deleted` } };
  return { jobs };
}

/** The two passes' results as one report: a break in the chain comes first (the job rows are checked against it). */
export function combine(links: LinksResult, jobs: JobsResult | null): ChainReport {
  if (links.firstBad !== undefined) return { ok: false, rows: links.rows, jobs: 0, head: links.head, firstBad: links.firstBad };
  if (jobs?.firstBad !== undefined) return { ok: false, rows: links.rows, jobs: jobs.jobs, head: links.head, firstBad: jobs.firstBad };
  return { ok: true, rows: links.rows, jobs: jobs?.jobs ?? 0, head: links.head };
}

/**
 * Checks the whole log against its chain, streaming (flat memory at any size):
 * 1. every event and audit row in `seq` order: positions 1, 2, 3, ... without a gap or a
 *    repeat, each hash the link of the one before and the row's own content;
 * 2. the last link is the one `chain_head` holds (rows cut off the end);
 * 3. every job row matches the snapshot hash of its newest event (edited, inserted job rows);
 * 4. every event's job row exists (deleted job rows).
 * Stops at the first row that does not match and names it.
 */
export function verifyChainRows(db: Database.Database, key: Buffer): ChainReport {
  // One read transaction: one snapshot for every pass, whatever the kiosk writes meanwhile.
  return db.transaction(() => {
    const links = verifyLinks(db, key);
    return combine(links, links.firstBad === undefined ? verifyJobs(db) : null);
  })();
}

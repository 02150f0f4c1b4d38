// The work queue on PostgreSQL (pg-boss): jobs keyed by what they are about
// (an article's canonical URL or content hash), so one input enqueued twice is
// one job; a lease per job (a job taken and not finished within it goes back
// to the queue, so a worker killed mid-job loses nothing; a live worker renews
// the leases of the jobs in hand); retries with
// exponential back-off; failed jobs kept with their error until retried.
// The queue lives in its own schema beside the store's: `<schema>_queue` when
// the address names a schema (`?schema=`), else `newsgraph_queue`.
import { createHash } from "node:crypto";
import { userInfo } from "node:os";
import PgBoss from "pg-boss";
import { StoreError } from "./store.js";

/** The queue of articles to analyse. */
const QUEUE_NAME = "articles";
const DEFAULT_SCHEMA = "newsgraph_queue";
const SCHEMA_SUFFIX = "_queue";
const SCHEMA_PARAM = "schema";
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,50}$/u;
const JOB_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;
const POSTGRES_ADDRESS = /^postgres(?:ql)?:\/\//iu;
/** Jobs inserted in one statement. */
const INSERT_BATCH = 200;
/** Connections of one queue client. */
const POOL_SIZE = 4;
/** Bounds of the maintenance interval (expired leases returned, old jobs archived): a quarter of the lease within them. */
const MAINTENANCE_MIN_S = 1;
const MAINTENANCE_MAX_S = 60;
/** Failed jobs stay in the queue (to be listed and retried) this long. */
const KEEP_FAILED_S = 30 * 24 * 3600;
/** pg-boss's message for a job whose lease ran out. */
const LEASE_EXPIRED = "job failed by timeout in active state";

export interface QueueSettings {
  /** How long a worker may hold a job before it goes back to the queue, in ms (whole seconds). */
  leaseMs: number;
  /** Further attempts after a failure. */
  retries: number;
  /** The pause before the first retry, in ms (whole seconds; doubled, with jitter, for each next one). */
  retryDelayMs: number;
}

export const QUEUE_DEFAULTS: QueueSettings = { leaseMs: 5 * 60_000, retries: 2, retryDelayMs: 10_000 };

export interface QueueOpenOptions {
  /** Return expired leases and archive old jobs (workers do; commands that only look or add do not). */
  maintain?: boolean;
}

export interface QueueJob<T> {
  id: string;
  key: string;
  data: T;
  /** 0 the first time a job is taken, then one more for each retry. */
  attempt: number;
}

export interface QueueCounts {
  /** Waiting to be taken (never taken, or returned to be retried). */
  queued: number;
  /** Taken by a worker, its lease running. */
  active: number;
  completed: number;
  failed: number;
}

export interface FailedJob {
  id: string;
  key: string;
  source: string | null;
  error: string;
  attempts: number;
  failedAt: string;
}

export interface EnqueueResult {
  /** New jobs. */
  added: number;
  /** Inputs whose job the queue already held (waiting, running or done). */
  known: number;
}

/** Is the address a PostgreSQL one (postgres:// or postgresql://)? */
export function isPostgresAddress(address: string): boolean {
  return POSTGRES_ADDRESS.test(address);
}

/** The connection string without the schema parameter, and the queue's schema. */
export function queueLocation(address: string): { connectionString: string; schema: string; storeSchema: string | null } {
  if (!isPostgresAddress(address)) throw new StoreError(`the queue needs a PostgreSQL address (postgres://…), not "${address}"`);
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw new StoreError(`not a valid PostgreSQL address: "${address}"`);
  }
  const named = url.searchParams.get(SCHEMA_PARAM);
  url.searchParams.delete(SCHEMA_PARAM);
  const schema = named ? `${named}${SCHEMA_SUFFIX}` : DEFAULT_SCHEMA;
  if (!SCHEMA_NAME.test(schema)) throw new StoreError(`the schema "${named}" must be lower-case letters, digits and _`);
  // As libpq does: the user named, else PGUSER, else the user running the process.
  if (!url.username) url.username = encodeURIComponent(process.env.PGUSER || userInfo().username);
  return { connectionString: url.toString(), schema, storeSchema: named };
}

/** The job's id: a UUID made of the key's SHA-256, so the same key is always the same job. */
export function jobId(key: string): string {
  const h = createHash("sha256").update(key).digest("hex").slice(0, 32).split("");
  h[12] = "5";
  h[16] = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  const s = h.join("");
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

const seconds = (ms: number) => Math.max(1, Math.round(ms / 1000));

function errorText(output: unknown): string {
  const o = output as { message?: unknown; value?: { message?: unknown } } | null;
  const message = o?.message ?? o?.value?.message;
  if (message === LEASE_EXPIRED) return "the lease ran out (the worker stopped or took too long)";
  return typeof message === "string" ? message : JSON.stringify(output);
}

interface JobRow {
  id: string;
  singleton_key: string;
  data: unknown;
  retry_count: number;
}

/** A work queue of jobs carrying T, in the PostgreSQL database at an address. */
export class WorkQueue<T extends object> {
  private constructor(
    private readonly boss: PgBoss,
    private readonly schema: string,
    private readonly storeSchema: string | null,
    private readonly errors: Error[],
  ) {}

  static async open<T extends object>(address: string, options: QueueOpenOptions = {}): Promise<WorkQueue<T>> {
    const { connectionString, schema, storeSchema } = queueLocation(address);
    const errors: Error[] = [];
    const boss = new PgBoss({
      connectionString, schema, max: POOL_SIZE, application_name: "newsgraph",
      supervise: false, schedule: false, migrate: true,
      archiveFailedAfterSeconds: KEEP_FAILED_S,
    });
    boss.on("error", (err: Error) => errors.push(err));
    try {
      await boss.start();
      await boss.createQueue(QUEUE_NAME, { name: QUEUE_NAME, policy: "standard", expireInSeconds: seconds(QUEUE_DEFAULTS.leaseMs), retryLimit: QUEUE_DEFAULTS.retries, retryDelay: seconds(QUEUE_DEFAULTS.retryDelayMs), retryBackoff: true });
    } catch (err) {
      await boss.stop({ graceful: false }).catch(() => {});
      throw new StoreError(`cannot open the queue at ${safeAddress(connectionString)}: ${err instanceof Error ? err.message : String(err)}`);
    }
    const queue = new WorkQueue<T>(boss, schema, storeSchema, errors);
    if (options.maintain) await queue.maintain();
    return queue;
  }

  /** The lease, retries and retry delay of jobs enqueued from now on. */
  async configure(settings: Partial<QueueSettings>): Promise<void> {
    await this.boss.updateQueue(QUEUE_NAME, {
      name: QUEUE_NAME,
      ...(settings.leaseMs !== undefined ? { expireInSeconds: seconds(settings.leaseMs) } : {}),
      ...(settings.retries !== undefined ? { retryLimit: settings.retries } : {}),
      ...(settings.retryDelayMs !== undefined ? { retryDelay: seconds(settings.retryDelayMs) } : {}),
    });
  }

  async settings(): Promise<QueueSettings> {
    const q = await this.boss.getQueue(QUEUE_NAME);
    return {
      leaseMs: (q?.expireInSeconds ?? seconds(QUEUE_DEFAULTS.leaseMs)) * 1000,
      retries: q?.retryLimit ?? QUEUE_DEFAULTS.retries,
      retryDelayMs: (q?.retryDelay ?? seconds(QUEUE_DEFAULTS.retryDelayMs)) * 1000,
    };
  }

  /** Run the maintenance (expired leases back to the queue) at a quarter of the lease, between 1 s and 1 min. */
  private async maintain(): Promise<void> {
    const { leaseMs } = await this.settings();
    const everyS = Math.min(MAINTENANCE_MAX_S, Math.max(MAINTENANCE_MIN_S, Math.floor(leaseMs / 4000)));
    this.timer = setInterval(() => {
      if (this.maintaining) return;
      this.maintaining = this.boss
        .maintain()
        .catch((err: unknown) => this.errors.push(err instanceof Error ? err : new Error(String(err))))
        .finally(() => (this.maintaining = undefined));
    }, everyS * 1000);
  }

  private timer?: NodeJS.Timeout;
  private maintaining?: Promise<unknown>;

  private async sql<R>(text: string, values: unknown[] = []): Promise<R[]> {
    const { rows } = await this.boss.getDb().executeSql(text, values);
    return rows as R[];
  }

  /** Add jobs (key → data); a key the queue already holds is left as it is. */
  async enqueue(items: { key: string; data: T }[]): Promise<EnqueueResult> {
    const result: EnqueueResult = { added: 0, known: 0 };
    for (let at = 0; at < items.length; at += INSERT_BATCH) {
      const batch = items.slice(at, at + INSERT_BATCH).map((i) => ({ id: jobId(i.key), name: QUEUE_NAME, data: i.data, singletonKey: i.key }));
      const ids = [...new Set(batch.map((b) => b.id))];
      const before = await this.existing(ids);
      await this.boss.insert(batch);
      const after = await this.existing(ids);
      result.added += after - before;
      result.known += batch.length - (after - before);
    }
    return result;
  }

  private async existing(ids: string[]): Promise<number> {
    const rows = await this.sql<{ n: string }>(
      `SELECT (SELECT count(*) FROM ${this.schema}.job WHERE name = $1 AND id = ANY($2::uuid[])) + (SELECT count(*) FROM ${this.schema}.archive WHERE name = $1 AND id = ANY($2::uuid[])) AS n`,
      [QUEUE_NAME, ids],
    );
    return Number(rows[0].n);
  }

  /** Take up to n jobs waiting now; each is leased to the caller. */
  async take(n: number): Promise<QueueJob<T>[]> {
    const jobs = (await this.boss.fetch<T>(QUEUE_NAME, { batchSize: n, includeMetadata: true })) ?? [];
    return jobs.map((j) => ({ id: j.id, key: j.singletonKey ?? j.id, data: j.data, attempt: j.retryCount }));
  }

  /** The jobs are done. */
  async complete(ids: string[]): Promise<void> {
    if (ids.length) await this.boss.complete(QUEUE_NAME, ids);
  }

  /** The job failed: retried after a pause while it has attempts left, else kept as failed with its error. */
  async fail(id: string, error: string): Promise<void> {
    await this.boss.fail(QUEUE_NAME, id, { message: error });
  }

  /** Renew the lease of jobs in hand (from now, for the lease they were given). Returns how many were still held. */
  async extend(ids: string[]): Promise<number> {
    if (!ids.length) return 0;
    const rows = await this.sql<{ id: string }>(`UPDATE ${this.schema}.job SET started_on = now() WHERE name = $1 AND id = ANY($2::uuid[]) AND state = 'active' RETURNING id`, [QUEUE_NAME, ids]);
    return rows.length;
  }

  /** Give taken jobs back unstarted (a worker shutting down): taken again at once, no attempt counted. */
  async release(ids: string[]): Promise<void> {
    if (!ids.length) return;
    await this.sql(`UPDATE ${this.schema}.job SET state = 'created', started_on = NULL WHERE name = $1 AND id = ANY($2::uuid[]) AND state = 'active'`, [QUEUE_NAME, ids]);
  }

  async counts(): Promise<QueueCounts> {
    const rows = await this.sql<{ state: string; n: string }>(
      `SELECT state::text, count(*) AS n FROM ${this.schema}.job WHERE name = $1 GROUP BY state
       UNION ALL SELECT 'archived-' || state::text, count(*) FROM ${this.schema}.archive WHERE name = $1 GROUP BY state`,
      [QUEUE_NAME],
    );
    const n = (...states: string[]) => rows.filter((r) => states.includes(r.state)).reduce((a, r) => a + Number(r.n), 0);
    return { queued: n("created", "retry"), active: n("active"), completed: n("completed", "archived-completed"), failed: n("failed", "archived-failed") };
  }

  /** Nothing waiting and nothing leased (a job in back-off or held by a worker still counts). */
  async drained(): Promise<boolean> {
    const c = await this.counts();
    return c.queued === 0 && c.active === 0;
  }

  /** The failed jobs, newest first. */
  async failed(page: { limit: number; offset: number }): Promise<FailedJob[]> {
    const rows = await this.sql<JobRow & { output: unknown; completed_on: Date }>(
      `SELECT id, singleton_key, data->>'source' AS data, retry_count, output, completed_on FROM ${this.schema}.job
       WHERE name = $1 AND state = 'failed' ORDER BY completed_on DESC, id LIMIT $2 OFFSET $3`,
      [QUEUE_NAME, page.limit, page.offset],
    );
    return rows.map((r) => ({
      id: r.id, key: r.singleton_key ?? r.id, source: typeof r.data === "string" ? r.data : null,
      error: errorText(r.output), attempts: r.retry_count + 1, failedAt: r.completed_on.toISOString(),
    }));
  }

  /** Queue failed jobs again, one more attempt each: the given ids, or every failed job. Returns how many. */
  async retry(ids?: string[]): Promise<number> {
    const wrong = ids?.find((id) => !JOB_ID.test(id));
    if (wrong !== undefined) throw new StoreError(`not a job id: "${wrong}" (newsgraph queue failed lists them)`);
    const targets = ids ?? (await this.sql<{ id: string }>(`SELECT id FROM ${this.schema}.job WHERE name = $1 AND state = 'failed'`, [QUEUE_NAME])).map((r) => r.id);
    if (!targets.length) return 0;
    const r = await this.boss.retry(QUEUE_NAME, targets);
    return (r as unknown as { affected: number }).affected;
  }

  /** Errors the queue's background work met (connection lost, maintenance failed). */
  backgroundErrors(): Error[] {
    return this.errors.splice(0);
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.maintaining;
    await this.boss.stop({ graceful: false, wait: true });
  }

  /** Remove the queue's schema and everything in it, and with `store` the store's schema the address named (tests, benchmarks). */
  async drop(options: { store?: boolean } = {}): Promise<void> {
    await this.sql(`DROP SCHEMA IF EXISTS ${this.schema} CASCADE`);
    if (options.store && this.storeSchema) await this.sql(`DROP SCHEMA IF EXISTS ${this.storeSchema} CASCADE`);
  }
}

/** The address without its password, for messages. */
function safeAddress(connectionString: string): string {
  try {
    const u = new URL(connectionString);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "the given address";
  }
}

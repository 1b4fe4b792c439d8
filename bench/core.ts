/**
 * `npm run bench:core` — the engine's hot paths against a raw point-select
 * loop on the same database, in the same run.
 *
 * For each backend (PGlite in memory always; PostgreSQL when DATABASE_URL is
 * set or the default local server answers) it seeds a store with --domains
 * registrations, then measures for --seconds each, with --concurrency
 * workers:
 *
 *   raw       select * from domains where name = $1 and released_at is null
 *             (random existing name) through the engine's own Kysely
 *             instance: the baseline. The `released_at is null` term is what
 *             makes it a point select: the only index on name alone is the
 *             partial unique index domains_live_name_key; without the term
 *             PostgreSQL walks all of domains_account_idx (account_id, name).
 *   checks    engine.run(checkAvailability, { names: [one name] }), half of
 *             the names registered, half free
 *   info      engine.run(getDomain, { name }) as the owning account
 *   register  engine.run(registerDomain, { name: fresh name }) round-robin
 *             over the seeded accounts (charged, ordered, inserted)
 *
 * Each is the very call a request makes, the way the kit makes it for a
 * command with `transaction: 'flow'` (src/dialects/kit/command.ts): checks
 * is Freenom `domain/search`'s availability call, info is KifDom
 * `GET /domains/{name}`'s and WAPI `domain-info`'s lookup, register is
 * KifDom `POST /domains` and Dynadot `register` (the runner's one-statement
 * path, in autocommit). Registrations that share a transaction with other
 * writes (Freenom's idempotency record, WAPI glue) run the same statement
 * inside it. The same requests through HTTP are the API throughput
 * benchmark's business.
 *
 * The four take turns in 0.5 s slices until each has had --seconds of wall
 * time, so load drifting on a shared machine hits them alike. It prints
 * ops/s, p50/p99 latency and each flow's ratio to the raw loop against its
 * target (checks and info ≥ 0.50, registrations ≥ 0.25), and RSS. A short
 * profile at concurrency 1 then shows where a flow's time goes: statements
 * per call, time inside statements, and the cost of the transaction that
 * run-flow.ts opens around every flow (a raw select wrapped in
 * db.transaction()).
 *
 * A benchmark prints numbers; it is not a test and asserts nothing.
 *
 *   npm run bench:core -- [--backend pglite|postgres] [--domains 100000]
 *                         [--seconds 5] [--concurrency C] [--accounts 200]
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { sql, type KyselyPlugin, type PluginTransformQueryArgs, type PluginTransformResultArgs, type QueryResult, type RootOperationNode, type UnknownRow } from 'kysely';
import { openStore, type Db, type Store } from '../src/store/index.ts';
import { createEngine, type Engine } from '../src/core/engine.ts';
import { createFlowRunner, type FlowRunner } from '../src/core/run-flow.ts';
import { SystemClock } from '../src/core/clock.ts';
import { accountActor, OPERATOR, type Actor } from '../src/core/context.ts';
import { loadPolicyBook } from '../src/core/policy/index.ts';
import { countingTransactions } from '../test/support/statement-counter.ts';
import { createAccount, depositFunds } from '../src/core/flows/accounts/index.ts';
import { checkAvailability, getDomain, registerDomain } from '../src/core/flows/domains/index.ts';

type Backend = 'pglite' | 'postgres';

const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/test';
/** Preferred TLDs for seeded names; only those the policy offers as paid, synchronous TLDs are used. */
const PREFERRED_TLDS = ['com', 'net', 'org', 'info', 'biz', 'eu', 'de'];
const TARGETS = { checks: 0.5, info: 0.5, register: 0.25 } as const;
/** Per account: far more than a run of registrations can spend (minor units). */
const DEPOSIT_MINOR = 100_000_000;

// ───────────────────────────── options ─────────────────────────────

const { values: args } = parseArgs({
  options: {
    backend: { type: 'string' },
    domains: { type: 'string', default: '100000' },
    seconds: { type: 'string', default: '5' },
    concurrency: { type: 'string' },
    accounts: { type: 'string', default: '200' },
    help: { type: 'boolean', short: 'h', default: false },
  },
  strict: true,
});

if (args.help) {
  console.log('usage: npm run bench:core -- [--backend pglite|postgres] [--domains 100000] [--seconds 5] [--concurrency C] [--accounts 200]');
  process.exit(0);
}

function positiveInt(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, got ${raw}`);
  return n;
}

const DOMAINS = Math.floor(positiveInt('domains', args.domains)!);
const SECONDS = positiveInt('seconds', args.seconds)!;
const ACCOUNTS = Math.floor(positiveInt('accounts', args.accounts)!);
const CONCURRENCY = positiveInt('concurrency', args.concurrency);
if (args.backend !== undefined && args.backend !== 'pglite' && args.backend !== 'postgres') {
  throw new Error(`--backend must be pglite or postgres, got ${args.backend}`);
}

// ───────────────────────────── helpers ─────────────────────────────

const rand = (n: number): number => Math.floor(Math.random() * n);
const ms = (x: number): string => (x >= 10 ? x.toFixed(1) : x >= 1 ? x.toFixed(2) : x.toFixed(3)) + 'ms';
const secs = (x: number): string => (x / 1000).toFixed(2) + 's';
const mib = (bytes: number): string => (bytes / 1024 / 1024).toFixed(0) + ' MiB';

interface Sample {
  readonly ops: number;
  readonly errors: number;
  readonly firstError?: unknown;
  readonly opsPerSec: number;
  readonly p50: number;
  readonly p99: number;
  readonly mean: number;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

type Op = () => Promise<unknown>;

/** Latencies and wall time of one measurement, collected over one or more slices. */
class Recorder {
  readonly latencies: number[] = [];
  errors = 0;
  firstError: unknown;
  elapsedMs = 0;

  sample(): Sample {
    const sorted = Float64Array.from(this.latencies).sort();
    const n = sorted.length;
    const total = sorted.reduce((s, x) => s + x, 0);
    return {
      ops: n,
      errors: this.errors,
      firstError: this.firstError,
      opsPerSec: n / (this.elapsedMs / 1000),
      p50: percentile(sorted, 0.5),
      p99: percentile(sorted, 0.99),
      mean: n ? total / n : NaN,
    };
  }
}

/**
 * Runs `op` in `concurrency` loops for `seconds` of wall time (an op in
 * flight when time is up finishes and is counted; the rate uses the real
 * elapsed time).
 */
async function slice(rec: Recorder, seconds: number, concurrency: number, op: Op): Promise<void> {
  const start = performance.now();
  const deadline = start + seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline && !interrupted) {
      const t0 = performance.now();
      try {
        await op();
        rec.latencies.push(performance.now() - t0);
      } catch (e) {
        rec.errors++;
        rec.firstError ??= e;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  rec.elapsedMs += performance.now() - start;
}

/** Wall time of one slice: measurements take turns in slices this long. */
const SLICE_SECONDS = 0.5;

/**
 * Measures every op for `seconds` of wall time each, interleaved: the ops
 * take turns in short slices (raw, checks, info, register, raw, …) so that
 * load drifting on a shared machine hits all of them alike and the ratios
 * stay comparable. Each op is warmed up (unmeasured) first.
 */
async function measureInterleaved(seconds: number, concurrency: number, ops: readonly Op[], afterWarmUp?: () => void): Promise<Sample[]> {
  for (const op of ops) await slice(new Recorder(), Math.min(1, seconds / 5), concurrency, op);
  afterWarmUp?.();
  const rounds = Math.max(1, Math.round(seconds / SLICE_SECONDS));
  const recs = ops.map(() => new Recorder());
  for (let r = 0; r < rounds && !interrupted; r++) {
    for (const [i, op] of ops.entries()) await slice(recs[i]!, seconds / rounds, concurrency, op);
  }
  return recs.map((rec) => rec.sample());
}

let interrupted = false;
process.once('SIGINT', () => {
  interrupted = true;
  console.error('\ninterrupted: finishing the current measurement and cleaning up…');
});

// ───────────────────────────── backends ─────────────────────────────

interface BenchStore {
  readonly store: Store;
  readonly label: string;
  close(): Promise<void>;
}

async function postgresAnswers(url: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    const r = await client.query<{ server_version: string }>('show server_version');
    return r.rows[0]?.server_version ?? '?';
  } catch {
    return undefined;
  } finally {
    await client.end().catch(() => {});
  }
}

async function openBenchStore(backend: Backend, concurrency: number, url: string, version: string | undefined): Promise<BenchStore> {
  if (backend === 'pglite') {
    const store = await openStore({});
    return { store, label: 'PGlite (in memory)', close: () => store.close() };
  }
  // A private schema, dropped at the end (as test/support/backends.ts does).
  const schema = `bench_${randomBytes(6).toString('hex')}`;
  const store = await openStore({ databaseUrl: url, schema, poolSize: concurrency + 2 });
  return {
    store,
    label: `PostgreSQL ${version ?? '?'} (${redact(url)}, schema ${schema})`,
    async close() {
      await store.close();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`drop schema if exists ${schema} cascade`);
      } finally {
        await client.end();
      }
    },
  };
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'DATABASE_URL';
  }
}

// ───────────────────────────── seeding ─────────────────────────────

interface Seeded {
  readonly accountIds: readonly number[];
  /** Seeded domain names and their owners, read back from the store. */
  readonly names: readonly string[];
  readonly owners: readonly number[];
  readonly tlds: readonly string[];
}

async function runPool<T>(items: readonly T[], concurrency: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

async function seed(engine: Engine, concurrency: number): Promise<Seeded> {
  const db = engine.store.db;
  const tlds = PREFERRED_TLDS.filter((t) => {
    if (!engine.policy.has(t)) return false;
    const p = engine.policy.get(t);
    return p.kind === 'paid' && p.creation.mode === 'sync';
  });
  if (tlds.length === 0) throw new Error(`none of ${PREFERRED_TLDS.join(', ')} is a paid synchronous TLD in the policy`);

  const t0 = performance.now();
  const accountIds: number[] = [];
  // createAccount hashes the password (scrypt) inside its flow; on PostgreSQL
  // several run at once, PGlite serialises them on its single connection.
  await runPool(
    Array.from({ length: ACCOUNTS }, (_, i) => i),
    concurrency,
    async (i) => {
      const { account } = await engine.run(
        createAccount,
        { email: `bench-${i}@bench.invalid`, password: 'bench-password', firstName: 'Bench', lastName: `No. ${i}` },
        { actor: OPERATOR, source: 'bench' },
      );
      accountIds.push(account.id);
    },
  );
  accountIds.sort((a, b) => a - b);
  const t1 = performance.now();
  await runPool(accountIds, concurrency, async (accountId) => {
    await engine.run(depositFunds, { accountId, amountMinor: DEPOSIT_MINOR, memo: 'bench float' }, { actor: OPERATOR, source: 'bench' });
  });
  const t2 = performance.now();

  // Set-based: one statement for all domains. Owners round-robin over the
  // accounts, names over the TLDs, creation up to two years back, expiry
  // spread over the next nine years (all active), a mix of renew settings.
  const now = engine.clock.now();
  await sql`
    insert into domains (account_id, name, unicode_name, tld, domain_type, created_at, expires_at, updated_at,
                         period_months, auto_renew, renew_option, privacy, locked, auth_code, service_mode, name_servers)
    select a.ids[1 + n % cardinality(a.ids)],
           'bench-' || n || '.' || t.tlds[1 + n % cardinality(t.tlds)],
           'bench-' || n || '.' || t.tlds[1 + n % cardinality(t.tlds)],
           t.tlds[1 + n % cardinality(t.tlds)],
           'PAID',
           ${now}::timestamptz - make_interval(days => (n * 37) % 730, secs => n % 86400),
           ${now}::timestamptz + make_interval(days => 1 + (n * 7919) % 3285, secs => n % 86400),
           ${now}::timestamptz - make_interval(days => (n * 13) % 365),
           12 * (1 + n % 3),
           n % 5 <> 0,
           case when n % 5 = 0 then 'donot' else 'auto' end,
           case n % 3 when 0 then 'off' when 1 then 'partial' else 'full' end,
           n % 7 = 0,
           substr(md5(n::text), 1, 16),
           case when n % 4 = 0 then 'custom_ns' else 'regd_dns' end,
           case when n % 4 = 0 then '["ns1.bench-dns.net","ns2.bench-dns.net"]'::jsonb else '[]'::jsonb end
    from generate_series(1, ${DOMAINS}::int) as n,
         (select ${`{${accountIds.join(',')}}`}::bigint[] as ids) as a,
         (select ${`{${tlds.join(',')}}`}::text[] as tlds) as t
  `.execute(db);
  const t3 = performance.now();
  await sql`analyze`.execute(db);
  const t4 = performance.now();

  const rows = await db.selectFrom('domains').select(['name', 'account_id']).execute();
  console.log(
    `seeding: ${ACCOUNTS} accounts ${secs(t1 - t0)} (createAccount flow), deposits ${secs(t2 - t1)} (depositFunds flow), ` +
      `${DOMAINS} domains ${secs(t3 - t2)} (insert … select from generate_series), analyze ${secs(t4 - t3)}; total ${secs(t4 - t0)}`,
  );
  return { accountIds, names: rows.map((r) => r.name), owners: rows.map((r) => r.account_id), tlds };
}

// ───────────────────────────── profiling ─────────────────────────────

/**
 * Times every statement a flow issues (Kysely plugin: transformQuery is
 * called before compile/execute, transformResult after the rows arrive).
 * BEGIN/COMMIT are issued by the driver and are not seen here.
 */
class StatementTimer implements KyselyPlugin {
  readonly #started = new WeakMap<object, number>();
  statements = 0;
  inStatementsMs = 0;
  readonly shapes: string[] = [];
  recordShapes = false;

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.#started.set(args.queryId, performance.now());
    this.statements++;
    if (this.recordShapes) this.shapes.push(describe(args.node));
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const t = this.#started.get(args.queryId);
    if (t !== undefined) this.inStatementsMs += performance.now() - t;
    return args.result;
  }

  reset(): void {
    this.statements = 0;
    this.inStatementsMs = 0;
    this.shapes.length = 0;
  }
}

function locking(mods: unknown): string {
  const list = (mods as readonly { modifier?: string }[] | undefined) ?? [];
  return list.some((m) => m.modifier === 'ForUpdate') ? ' for update' : '';
}

function describe(node: RootOperationNode): string {
  const n = node as unknown as Record<string, unknown>;
  const tableOf = (t: unknown): string => {
    const x = t as { table?: { identifier?: { name?: string } }; froms?: unknown[] } | undefined;
    return x?.table?.identifier?.name ?? (x?.froms ? tableOf(x.froms[0]) : '?');
  };
  switch (node.kind) {
    case 'SelectQueryNode':
      return `select ${tableOf(n.from)}${locking(n.endModifiers)}`;
    case 'InsertQueryNode':
      return `insert ${tableOf(n.into)}`;
    case 'UpdateQueryNode':
      return `update ${tableOf(n.table)}`;
    case 'DeleteQueryNode':
      return `delete ${tableOf(n.from)}`;
    case 'RawNode': {
      // sql`…` templates (e.g. the registration's one call of regd_register_domain): the text up to the first parameter.
      const text = ((n.sqlFragments as readonly string[] | undefined)?.[0] ?? '').replace(/\s+/g, ' ').trim();
      return text.length > 60 ? `${text.slice(0, 57)}…` : text || 'raw sql';
    }
    default:
      return node.kind;
  }
}

// ───────────────────────────── one backend ─────────────────────────────

interface Row {
  readonly label: string;
  readonly unit: string;
  readonly sample: Sample;
  readonly target?: number;
}

interface Ops {
  readonly raw: Op;
  readonly rawInTransaction: Op;
  checks(run: FlowRunner): Op;
  info(run: FlowRunner): Op;
  register(run: FlowRunner): Op;
}

async function benchBackend(backend: Backend, pgUrl: string, pgVersion: string | undefined): Promise<void> {
  const concurrency = Math.floor(CONCURRENCY ?? (backend === 'pglite' ? 1 : 8));
  const bs = await openBenchStore(backend, concurrency, pgUrl, pgVersion);
  console.log(`\n=== ${bs.label}: ${DOMAINS} domains, ${ACCOUNTS} accounts, concurrency ${concurrency}, ${SECONDS}s per measurement ===`);
  try {
    const engine = createEngine({ store: bs.store, clock: new SystemClock(), policy: loadPolicyBook() });
    const db: Db = engine.store.db;
    const { names, owners, accountIds, tlds } = await seed(engine, backend === 'pglite' ? 1 : Math.max(2, concurrency));
    const runId = randomBytes(3).toString('hex');
    // One counter per kind of generated name, so no name is tried twice.
    let checked = 0;
    let registered = 0;

    const ops: Ops = {
      // `released_at is null` selects the partial unique index (see the header).
      raw: () => db.selectFrom('domains').selectAll().where('name', '=', names[rand(names.length)]!).where('released_at', 'is', null).executeTakeFirst(),
      rawInTransaction: () =>
        db.transaction().execute((trx) => trx.selectFrom('domains').selectAll().where('name', '=', names[rand(names.length)]!).where('released_at', 'is', null).executeTakeFirst()),
      checks: (run) => async () => {
        const i = checked++;
        const taken = i % 2 === 0;
        const name = taken ? names[rand(names.length)]! : `free-${runId}-${i}.${tlds[i % tlds.length]}`;
        const actor: Actor = accountActor(accountIds[rand(accountIds.length)]!);
        const [r] = await run.run(checkAvailability, { names: [name] }, { actor, source: 'bench' });
        const expected = taken ? 'registered' : 'available';
        if (!r?.ok || r.availability !== expected) throw new Error(`check ${name}: expected ${expected}, got ${JSON.stringify(r)}`);
      },
      info: (run) => async () => {
        const k = rand(names.length);
        const view = await run.run(getDomain, { name: names[k]! }, { actor: accountActor(owners[k]!), source: 'bench' });
        if (view.state !== 'active') throw new Error(`info ${names[k]}: state ${view.state}`);
      },
      register: (run) => async () => {
        const i = registered++;
        const name = `reg-${runId}-${i}.${tlds[i % tlds.length]}`;
        await run.run(registerDomain, { name }, { actor: accountActor(accountIds[i % accountIds.length]!), source: 'bench' });
      },
    };

    const [raw, checks, info, register] = await measureInterleaved(SECONDS, concurrency, [
      ops.raw, ops.checks(engine), ops.info(engine), ops.register(engine),
    ]);
    printTable([
      { label: 'raw point-select', unit: 'selects/s', sample: raw! },
      { label: 'availability check', unit: 'checks/s', sample: checks!, target: TARGETS.checks },
      { label: 'domain info', unit: 'info/s', sample: info!, target: TARGETS.info },
      { label: 'registration', unit: 'registrations/s', sample: register!, target: TARGETS.register },
    ]);
    const mem = process.memoryUsage();
    console.log(
      `RSS ${mib(mem.rss)} (heap used ${mib(mem.heapUsed)})` +
        `${backend === 'postgres' ? ', the server process not included' : ', the embedded database included'}; ` +
        `load average now ${loadavg().map((x) => x.toFixed(1)).join(' ')}`,
    );
    if (!interrupted) await profile(engine, ops);
  } finally {
    await bs.close();
  }
}

function printTable(rows: readonly Row[]): void {
  const base = rows.find((r) => r.target === undefined)?.sample.opsPerSec ?? NaN;
  const lines = rows.map((r) => {
    const s = r.sample;
    const ratio = s.opsPerSec / base;
    const verdict = r.target === undefined ? '(baseline)' : `(target ≥ ${r.target.toFixed(2)})${ratio >= r.target ? '' : '  MISSED'}`;
    return [
      r.label,
      r.unit,
      s.opsPerSec.toFixed(0),
      `p50 ${ms(s.p50)}`,
      `p99 ${ms(s.p99)}`,
      // Truncated, not rounded, so a ratio shown as 0.50 never misses 0.50.
      `ratio ${(Math.floor(ratio * 100) / 100).toFixed(2)}`,
      verdict,
      s.errors ? `  ${s.errors} errors, first: ${String((s.firstError as Error)?.message ?? s.firstError)}` : '',
    ];
  });
  printColumns(lines, '', [2]);
}

function printColumns(lines: readonly string[][], indent: string, rightAligned: readonly number[] = []): void {
  const widths = lines[0]!.map((_, c) => Math.max(...lines.map((l) => l[c]!.length)));
  for (const l of lines) {
    console.log(indent + l.map((cell, c) => (rightAligned.includes(c) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ').trimEnd());
  }
}

/**
 * Where a flow's time goes, at concurrency 1 (interleaved like the main
 * measurement): mean latency; for flows, the statements per call and the
 * time inside them, from a statement timer on a second runner over the same
 * Kysely instance; against a raw select alone and a raw select inside
 * db.transaction() (BEGIN + select + COMMIT, the frame run-flow.ts puts
 * around every flow).
 */
async function profile(engine: Engine, ops: Ops): Promise<void> {
  const timers = [new StatementTimer(), new StatementTimer(), new StatementTimer()];
  // Transactions opened per call: the runner's db.transaction(), each one a BEGIN and a COMMIT round trip.
  const transactions = [0, 0, 0];
  const runner = (i: number) =>
    createFlowRunner({ db: countingTransactions(engine.store.db.withPlugin(timers[i]!), () => transactions[i]!++), clock: engine.clock, policy: engine.policy });
  const flows = [ops.checks(runner(0)), ops.info(runner(1)), ops.register(runner(2))];
  const seconds = Math.min(2, SECONDS);
  const samples = await measureInterleaved(seconds, 1, [ops.raw, ops.rawInTransaction, ...flows], () => {
    timers.forEach((t) => t.reset());
    transactions.fill(0);
  });
  const perCall = timers.map((t, i) => ({
    statements: t.statements / samples[i + 2]!.ops,
    transactions: transactions[i]! / samples[i + 2]!.ops,
    sqlMs: t.inStatementsMs / samples[i + 2]!.ops,
  }));
  // One more call of each flow, recording which statements it issues.
  const shapes: string[] = [];
  for (const [i, op] of flows.entries()) {
    const t = timers[i]!;
    t.reset();
    t.recordShapes = true;
    await op();
    shapes.push(t.shapes.join(', '));
  }
  const labels = ['raw select', 'raw select in db.transaction()', 'availability check', 'domain info', 'registration'];
  const lines = samples.map((s, i) => {
    const f = i >= 2 ? perCall[i - 2]! : undefined;
    return [
      labels[i]!,
      `mean ${ms(s.mean)}`,
      f ? `${f.statements.toFixed(1)} statements, ${f.transactions.toFixed(1)} BEGIN/COMMIT` : '',
      f ? `in statements ${ms(f.sqlMs)}` : '',
      f ? `outside ${ms(s.mean - f.sqlMs)}` : '',
      f ? `[${shapes[i - 2]}]` : '',
    ];
  });
  console.log(`where the time goes (concurrency 1, ${seconds}s each, interleaved; "outside" = BEGIN/COMMIT round trips, pool wait, JS):`);
  printColumns(lines, '  ');
}

// ───────────────────────────── main ─────────────────────────────

async function main(): Promise<void> {
  const pgUrl = process.env.DATABASE_URL || DEFAULT_PG_URL;
  const wanted: Backend[] = args.backend ? [args.backend as Backend] : ['pglite', 'postgres'];
  let pgVersion: string | undefined;
  if (wanted.includes('postgres')) {
    pgVersion = await postgresAnswers(pgUrl);
    if (pgVersion === undefined) {
      if (args.backend === 'postgres') throw new Error(`PostgreSQL at ${redact(pgUrl)} does not answer`);
      console.log(`postgres: skipped (${redact(pgUrl)} does not answer; set DATABASE_URL)`);
    }
  }
  const load = loadavg().map((x) => x.toFixed(1)).join(' ');
  console.log(`regd bench:core — node ${process.version}, ${process.platform}/${process.arch}, ${cpus().length} CPUs, load average ${load}`);
  for (const backend of wanted) {
    if (interrupted) break;
    if (backend === 'postgres' && pgVersion === undefined) continue;
    await benchBackend(backend, pgUrl, pgVersion);
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});

/**
 * `npm run bench:api` — what an API request costs, through HTTP, against a
 * plain Fastify route on the same backend, in the same run.
 *
 * For each backend (PGlite; PostgreSQL when DATABASE_URL is set or the
 * default local server answers) it starts two child processes
 * (bench/api-server.ts): regd, seeded with one account holding --domains
 * domains, and the reference, a bare Fastify app with a JSON route and a
 * route doing one indexed select. autocannon (in this process) drives each
 * row for --seconds with --connections connections, in turns of --slice
 * seconds with the reference select route (so that load drifting on a
 * shared machine weighs on both alike), and prints req/s, p50, p99 and the
 * ratio to the select route over those turns, with its target, and the CPU
 * each answer cost ("cpu µs": the server process's user + system time per
 * answer, plus the PostgreSQL server's on that backend, from /proc; the
 * reference's beside its rate), which drifting machine speed moves far less
 * than req/s. Before a
 * row's turns, the row and the select route each run --warmup seconds
 * unmeasured: a server that has been up a while runs its hot paths as
 * optimised code, and regd's paths are many more functions than the
 * reference's one route (at one connection, a cold WAPI domain-info served
 * a third of what the same process served warm).
 *
 *   reads (≥ 0.5 ×)          KifDom GET /api/v1/domains/{name}, Freenom
 *                            domain/getinfo, WAPI domain-info, Dynadot domain_info
 *   registrations (≥ 0.25 ×) KifDom POST /api/v1/domains, Freenom
 *                            domain/register, WAPI domain-create, Dynadot register
 *
 * With the registrations, the plain app's route running the registration
 * statement alone (regd_register_domain for one account, every connection
 * charging the same balance row as regd's rows do) shows what the database
 * reaches for those writes on that backend, with its ratio to the select;
 * the same for ten accounts in turn shows what the one balance row costs.
 *
 * and p99 against 10 × p50. A benchmark prints numbers; it asserts nothing.
 *
 *   npm run bench:api -- [--backend pglite|postgres] [--seconds 5] [--slice 1] [--warmup 3] [--connections 10] [--domains 1000] [--only <row substring>[,…]] [--cpu-prof <dir>]
 *
 * --cpu-prof writes regd's CPU profile (node --cpu-prof, one per backend)
 * into <dir> when its process ends.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createInterface } from 'node:readline';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';

const { values: args } = parseArgs({
  options: {
    backend: { type: 'string' },
    seconds: { type: 'string', default: '5' },
    slice: { type: 'string', default: '1' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '10' },
    domains: { type: 'string', default: '1000' },
    only: { type: 'string' },
    'cpu-prof': { type: 'string' },
  },
});
const SECONDS = Number(args.seconds);
const SLICE = Number(args.slice);
const WARMUP = Number(args.warmup);
const CONNECTIONS = Number(args.connections);
const DOMAINS = Number(args.domains);
const PG_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const log = (s: string) => process.stdout.write(`${s}\n`);

interface RegdInfo {
  readonly url: string;
  readonly email: string;
  readonly password: string;
  readonly wapiPassword: string;
  readonly apiKey: string;
  readonly kifdomToken: string;
  readonly contactHandle: string;
}

interface Row {
  readonly name: string;
  /** `register-reference`: a reference measured only with registration rows, its ratio printed (what the database alone reaches for them). */
  readonly kind: 'reference' | 'register-reference' | 'read' | 'register';
  readonly target: 'plain' | 'regd';
  /** Builds autocannon's request for the n-th call (n counts per row). */
  request(n: number, info: RegdInfo): { method: 'GET' | 'POST'; path: string; headers?: Record<string, string>; body?: string };
  /** A success body (checked once before the row runs: a row measuring refusals would measure nothing). */
  readonly ok?: RegExp;
}

const domainOf = (n: number) => `bench-${(n % DOMAINS) + 1}.com`;
let fresh = 0;
const freshName = (tld: string) => `fresh-${process.pid}-${Date.now().toString(36)}-${++fresh}.${tld}`;
const form = { 'content-type': 'application/x-www-form-urlencoded' };

function sha1(s: string): string {
  return createHash('sha1').update(s, 'utf8').digest('hex');
}

/** The Europe/Prague hour (EU summer time rule), as WAPI hashes it. */
function pragueHour(now: Date): string {
  const y = now.getUTCFullYear();
  const lastSunday = (m: number) => {
    const d = new Date(Date.UTC(y, m + 1, 0, 1));
    return d.getTime() - d.getUTCDay() * 86_400_000;
  };
  const summer = now.getTime() >= lastSunday(2) && now.getTime() < lastSunday(9);
  return String((now.getUTCHours() + (summer ? 2 : 1)) % 24).padStart(2, '0');
}

function wapi(info: RegdInfo, command: string, data: Record<string, unknown>): string {
  const auth = sha1(info.email + sha1(info.wapiPassword) + pragueHour(new Date()));
  return new URLSearchParams({ request: JSON.stringify({ request: { user: info.email, auth, command, data } }) }).toString();
}

const ROWS: readonly Row[] = [
  { name: 'plain Fastify JSON route', kind: 'reference', target: 'plain', request: () => ({ method: 'GET', path: '/json' }) },
  { name: 'plain Fastify + one indexed select', kind: 'reference', target: 'plain', request: (n) => ({ method: 'GET', path: `/select/${domainOf(n)}` }) },
  { name: 'regd GET /healthz', kind: 'reference', target: 'regd', request: () => ({ method: 'GET', path: '/healthz' }) },
  {
    name: 'KifDom GET /api/v1/domains/{name}', kind: 'read', target: 'regd', ok: /"name":"bench-/,
    request: (n, i) => ({ method: 'GET', path: `/api/v1/domains/${domainOf(n)}`, headers: { authorization: `Bearer ${i.kifdomToken}` } }),
  },
  {
    name: 'Freenom GET /v2/domain/getinfo', kind: 'read', target: 'regd', ok: /"status":"OK"/,
    request: (n, i) => ({ method: 'GET', path: `/v2/domain/getinfo?${new URLSearchParams({ email: i.email, password: i.password, domainname: domainOf(n) })}` }),
  },
  {
    name: 'WAPI domain-info', kind: 'read', target: 'regd', ok: /"code":"?1000/,
    request: (n, i) => ({ method: 'POST', path: '/wapi/json', headers: form, body: wapi(i, 'domain-info', { name: domainOf(n) }) }),
  },
  {
    name: 'Dynadot domain_info', kind: 'read', target: 'regd', ok: /"Status":"success"/,
    request: (n, i) => ({ method: 'GET', path: `/api3.json?${new URLSearchParams({ key: i.apiKey, command: 'domain_info', domain: domainOf(n) })}` }),
  },
  {
    name: 'plain Fastify + registration statement', kind: 'register-reference', target: 'plain', ok: /"o_outcome":"registered"/,
    request: () => ({ method: 'POST', path: `/register/one/${freshName('com')}` }),
  },
  {
    name: '  the same, 10 accounts in turn', kind: 'register-reference', target: 'plain', ok: /"o_outcome":"registered"/,
    request: () => ({ method: 'POST', path: `/register/ten/${freshName('com')}` }),
  },
  {
    name: 'KifDom POST /api/v1/domains', kind: 'register', target: 'regd', ok: /successfully created/,
    request: (_n, i) => ({ method: 'POST', path: '/api/v1/domains', headers: { authorization: `Bearer ${i.kifdomToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: freshName('com') }) }),
  },
  {
    name: 'Freenom POST /v2/domain/register', kind: 'register', target: 'regd', ok: /DOMAIN REGISTERED/,
    request: (_n, i) => ({
      method: 'POST', path: '/v2/domain/register', headers: form,
      body: new URLSearchParams({ email: i.email, password: i.password, domainname: freshName('com'), domaintype: 'PAID', period: '1Y', owner_id: '0' }).toString().replace('owner_id=0', `owner_id=${i.contactHandle.replace(/\D/g, '')}`),
    }),
  },
  {
    name: 'WAPI domain-create', kind: 'register', target: 'regd', ok: /"code":"?100[01]/,
    request: (_n, i) => ({ method: 'POST', path: '/wapi/json', headers: form, body: wapi(i, 'domain-create', { name: freshName('com'), period: 1, owner_c: i.contactHandle, dns: {}, rules: { fname: 'Bench', lname: 'Owner' } }) }),
  },
  {
    name: 'Dynadot register', kind: 'register', target: 'regd', ok: /"Status":"success"/,
    request: (_n, i) => ({ method: 'GET', path: `/api3.json?${new URLSearchParams({ key: i.apiKey, command: 'register', domain: freshName('com'), duration: '1' })}` }),
  },
];

function startChild(kind: 'regd' | 'plain', backend: string): Promise<{ child: ChildProcess; info: Record<string, unknown> }> {
  const profile = kind === 'regd' && args['cpu-prof'] !== undefined ? ['--cpu-prof', `--cpu-prof-dir=${args['cpu-prof']}/regd-${backend}`] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', new URL('./api-server.ts', import.meta.url).pathname, kind, backend, String(DOMAINS)], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, DATABASE_URL: PG_URL },
  });
  return new Promise((resolve, reject) => {
    // Bounded: a server that does not come up within two minutes ends the run instead of hanging it.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${kind} server (${backend}) did not start within 120 s`));
    }, 120_000);
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolve({ child, info: JSON.parse(line) as Record<string, unknown> });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${kind} server exited with ${code}`));
    });
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  child.stdin!.end();
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

interface Measured {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
  /** Answers counted, and the CPU time (clock ticks) the server process and the PostgreSQL server spent meanwhile (Linux). */
  readonly requests: number;
  readonly serverTicks: number;
  readonly pgTicks: number;
}

/** The user + system clock ticks of a process (/proc/<pid>/stat), 0 where /proc is not there. */
function ticksOf(pid: number | string): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

/** The clock ticks of each PostgreSQL server process of this machine (the postmaster and its backends), by pid. */
function postgresTicks(): Map<string, number> {
  const ticks = new Map<string, number>();
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return ticks;
  }
  for (const pid of pids) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') ticks.set(pid, ticksOf(pid));
    } catch {
      // gone meanwhile
    }
  }
  return ticks;
}

/**
 * The ticks PostgreSQL's processes spent between two readings, counting the
 * processes present at both (a process that starts meanwhile, such as an
 * autovacuum worker, would bring its whole lifetime's time; one that ends
 * takes its time away).
 */
function postgresTicksSince(before: Map<string, number>): number {
  let sum = 0;
  for (const [pid, now] of postgresTicks()) {
    const then = before.get(pid);
    if (then !== undefined) sum += now - then;
  }
  return sum;
}

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ: 100 on Linux). */
const TICK_US = 10_000;

async function measure(baseUrl: string, row: Row, info: RegdInfo, seconds = SECONDS, server?: { readonly pid: number; readonly postgres: boolean }): Promise<Measured> {
  let n = 0;
  const sample = row.request(0, info);
  const ok = row.ok;
  const serverBefore = server ? ticksOf(server.pid) : 0;
  const pgBefore = server?.postgres ? postgresTicks() : undefined;
  const result = await autocannon({
    url: baseUrl,
    connections: CONNECTIONS,
    duration: seconds,
    // Every answer is checked: a row that measured refusals (a limit, a lock) would measure nothing.
    ...(ok !== undefined ? { verifyBody: (body: string | Buffer | undefined) => ok.test(String(body ?? '')) } : {}),
    // Reads and references: the DOMAINS requests of the row, built before the clock starts (autocannon builds each
    // one's bytes once per connection and cycles through them), so the load generator, on the same two cores,
    // spends its time sending and reading, not hashing WAPI credentials or encoding query strings. Registrations
    // need a fresh name each, built as they go.
    requests: row.kind === 'read' || row.kind === 'reference'
      ? Array.from({ length: DOMAINS }, (_, i) => {
        const r = row.request(i, info);
        return { method: r.method, path: r.path, headers: { ...(r.headers ?? {}) }, ...(r.body !== undefined ? { body: r.body } : {}) };
      })
      : [{
        method: sample.method,
        path: sample.path,
        setupRequest: (req) => {
          const r = row.request(n++, info);
          return { ...req, method: r.method, path: r.path, headers: { ...(r.headers ?? {}) }, ...(r.body !== undefined ? { body: r.body } : {}) };
        },
      }],
  });
  return {
    rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.non2xx + result.errors + result.mismatches,
    requests: result.requests.total,
    serverTicks: server ? ticksOf(server.pid) - serverBefore : 0,
    pgTicks: pgBefore !== undefined ? postgresTicksSince(pgBefore) : 0,
  };
}

/** CPU per answer, in µs: the server's, plus PostgreSQL's on that backend ("265+105"); '' without /proc. */
function cpuPerRequest(m: Measured): string {
  if (m.requests === 0 || m.serverTicks === 0) return '';
  const server = ((m.serverTicks * TICK_US) / m.requests).toFixed(0);
  return m.pgTicks > 0 ? `${server}+${((m.pgTicks * TICK_US) / m.requests).toFixed(0)}` : server;
}

/**
 * A row and the reference select in turns of SLICE seconds, SECONDS of each
 * in all: load that drifts during the run (a shared machine) weighs on both
 * alike, and the ratio compares the two over the same stretch of time.
 * req/s are the means of the slices; p50 the median of the slices' p50s,
 * p99 the largest of their p99s.
 */
async function measurePaired(
  row: Row, rowUrl: string, rowServer: { readonly pid: number; readonly postgres: boolean },
  reference: Row, referenceUrl: string, referenceServer: { readonly pid: number; readonly postgres: boolean }, info: RegdInfo,
): Promise<{ row: Measured; reference: Measured }> {
  const slices = Math.max(1, Math.round(SECONDS / SLICE));
  const mine: Measured[] = [];
  const theirs: Measured[] = [];
  for (let i = 0; i < slices; i++) {
    theirs.push(await measure(referenceUrl, reference, info, SLICE, referenceServer));
    mine.push(await measure(rowUrl, row, info, SLICE, rowServer));
  }
  return { row: combine(mine), reference: combine(theirs) };
}

function combine(slices: readonly Measured[]): Measured {
  const p50s = slices.map((m) => m.p50).sort((a, b) => a - b);
  return {
    rps: slices.reduce((sum, m) => sum + m.rps, 0) / slices.length,
    p50: p50s[Math.floor(p50s.length / 2)]!,
    p99: Math.max(...slices.map((m) => m.p99)),
    errors: slices.reduce((sum, m) => sum + m.errors, 0),
    requests: slices.reduce((sum, m) => sum + m.requests, 0),
    serverTicks: slices.reduce((sum, m) => sum + m.serverTicks, 0),
    pgTicks: slices.reduce((sum, m) => sum + m.pgTicks, 0),
  };
}

async function pgAnswers(): Promise<boolean> {
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

const backends = args.backend ? [args.backend] : ['pglite', ...((await pgAnswers()) ? ['postgres'] : [])];
log(`bench:api — ${SECONDS} s per row, ${CONNECTIONS} connections, ${DOMAINS} domains; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
for (const backend of backends) {
  const [regd, plain] = await Promise.all([startChild('regd', backend), startChild('plain', backend)]);
  const info = regd.info as unknown as RegdInfo;
  try {
    log(`\n${backend}`);
    log(`${'row'.padEnd(40)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'cpu µs'.padStart(8)}  ratio (target)`);
    const servers = {
      regd: { pid: regd.child.pid!, postgres: backend === 'postgres' },
      plain: { pid: plain.child.pid!, postgres: backend === 'postgres' },
    };
    const runs = (row: Row) => !args.only || args.only.split(',').some((part) => row.name.includes(part));
    const anyRegistration = ROWS.some((row) => row.kind === 'register' && runs(row));
    const selectRow = ROWS.find((row) => row.name === 'plain Fastify + one indexed select')!;
    for (const row of ROWS) {
      if (row.kind === 'register-reference' ? !anyRegistration : row.kind !== 'reference' && !runs(row)) continue;
      const base = row.target === 'plain' ? String(plain.info.url) : info.url;
      if (row.ok !== undefined) {
        const r = row.request(0, info);
        const res = await fetch(`${base}${r.path}`, { method: r.method, headers: r.headers ?? {}, ...(r.body !== undefined ? { body: r.body } : {}) });
        const text = await res.text();
        if (!row.ok.test(text)) {
          log(`${row.name.padEnd(40)} not measured: the request does not succeed: ${res.status} ${text.slice(0, 300)}`);
          continue;
        }
      }
      // The references alone; every other row in turns with the select reference (measurePaired), its ratio over those turns.
      if (WARMUP > 0) {
        await measure(base, row, info, WARMUP);
        if (row.kind !== 'reference') await measure(String(plain.info.url), selectRow, info, WARMUP);
      }
      const server = row.target === 'plain' ? servers.plain : servers.regd;
      const paired = row.kind === 'reference' ? undefined : await measurePaired(row, base, server, selectRow, String(plain.info.url), servers.plain, info);
      const m = paired?.row ?? (await measure(base, row, info, SECONDS, server));
      const target = row.kind === 'read' ? 0.5 : row.kind === 'register' ? 0.25 : undefined;
      const ratio = paired !== undefined && paired.reference.rps > 0 ? m.rps / paired.reference.rps : undefined;
      const verdict = ratio === undefined ? '' : target === undefined ? `${ratio.toFixed(2)} ×` : `${ratio.toFixed(2)} × (≥ ${target})${ratio < target ? ' MISSED' : ''}`;
      const referenceCpu = paired === undefined ? '' : cpuPerRequest(paired.reference);
      const against = paired === undefined ? '' : `  [select ${paired.reference.rps.toFixed(0)}${referenceCpu ? `, cpu ${referenceCpu}` : ''}]`;
      const tail = m.p99 > 10 * Math.max(m.p50, 1) ? ' p99 > 10 × p50' : '';
      const errors = m.errors > 0 ? ` ${m.errors} failed answers (not counted as a success)` : '';
      log(`${row.name.padEnd(40)} ${m.rps.toFixed(0).padStart(8)} ${String(m.p50).padStart(7)} ${String(m.p99).padStart(7)} ${cpuPerRequest(m).padStart(8)}  ${verdict}${against}${tail}${errors}`);
    }
  } finally {
    await Promise.all([stopChild(regd.child), stopChild(plain.child)]);
  }
}

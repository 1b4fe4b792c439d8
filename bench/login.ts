/**
 * `npm run bench:login` — how long a login takes for a known e-mail with a
 * wrong password, an unknown e-mail, and the right password, in KifDom
 * (`POST /api/v1/auth/login`) and Freenom (`GET /v2/domain/list`), over
 * HTTP against a server in this process (prints numbers, not a test).
 * Known and unknown e-mails should cost the same: an unknown one is checked
 * against a dummy scrypt hash. The failed-login limits are turned off for
 * the run. Requests alternate between the cases, one at a time;
 * BENCH_LOGINS rounds (default 40) after 5 of warm-up. Embedded PGlite in a
 * temporary directory, or the PostgreSQL of DATABASE_URL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config/index.ts';
import { createAccount, OPERATOR } from '../src/core/index.ts';
import { openServices } from '../src/runtime/services.ts';
import { startServer } from '../src/server/index.ts';

const ROUNDS = Number(process.env.BENCH_LOGINS ?? 40);
const WARMUP = 5;
const log = (s: string) => process.stdout.write(s + '\n');

const dir = mkdtempSync(join(tmpdir(), 'regd-bench-login-'));
const token = 'bench-operator-token-0123456789';
const argv = ['--data-dir', dir, '--port', '0', '--log-level', 'silent', '--no-seed-demo', '--login-account-attempts', '0', '--login-address-attempts', '0'];
const services = await openServices(loadConfig({ argv, env: { ...process.env, REGD_OPERATOR_TOKEN: token } }));
const server = await startServer(services, { operatorToken: token });
try {
  const email = 'bench-login@example.test';
  const password = 'the right password';
  await services.engine.run(createAccount, { email, password, firstName: 'Bench', lastName: 'Login' }, { actor: OPERATOR });

  const kifdom = (e: string, p: string) =>
    fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: e, password: p }) });
  const freenom = (e: string, p: string) =>
    fetch(`${server.url}/v2/domain/list`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ email: e, password: p, method: 'get' }).toString() });

  const cases = [
    ['known e-mail, wrong password', email, 'a wrong password'],
    ['unknown e-mail', 'nobody-here@example.test', 'a wrong password'],
    ['right password', email, password],
  ] as const;
  log(`database: ${services.store.kind}; ${ROUNDS} rounds per case, sequential, medians (p10–p90) in ms`);
  for (const [name, call] of [['KifDom  POST /api/v1/auth/login', kifdom], ['Freenom domain/list', freenom]] as const) {
    const times = cases.map(() => [] as number[]);
    for (let round = 0; round < WARMUP + ROUNDS; round++) {
      for (const [i, [, e, p]] of cases.entries()) {
        const t = performance.now();
        const res = await call(e, p);
        await res.arrayBuffer();
        if (round >= WARMUP) times[i]!.push(performance.now() - t);
      }
    }
    log(name);
    for (const [i, [label]] of cases.entries()) log(`  ${label.padEnd(30)} ${summary(times[i]!)}`);
  }
} finally {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}

function summary(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(1);
  return `${at(0.5).padStart(6)}  (${at(0.1)}–${at(0.9)})`;
}

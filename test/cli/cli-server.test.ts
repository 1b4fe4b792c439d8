import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { DAY } from '../../src/core/clock.ts';
import { waitFor } from '../server/support.ts';
import { cliJson, runCli, spawnServe, type ServeProcess } from './support.ts';

const SERVE_ARGS = (dir: string) => ['--data-dir', dir, '--port', '0', '--log-level', 'warn', '--whois-port', '0', '--forwarding-port', '0', '--mail-port', '0'];

async function startServe(dir: string): Promise<{ serve: ServeProcess; url: string }> {
  const serve = spawnServe(SERVE_ARGS(dir));
  const serverFile = join(dir, 'server.json');
  await waitFor(() => existsSync(serverFile) && /listening on/.test(serve.output()), `regd serve in ${dir} to listen`, 90_000);
  return { serve, url: (JSON.parse(readFileSync(serverFile, 'utf8')) as { url: string }).url };
}

async function stopServe(serve: ServeProcess): Promise<number | null> {
  serve.child.kill('SIGTERM');
  return serve.exited;
}

/** A localhost port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as { port: number };
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

describe('CLI through a running server', { timeout: 600_000 }, () => {
  let root: string;
  let dir: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'regd-cli-server-'));
    dir = join(root, 'data');
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  test('first start seeds the demo, the CLI drives the server, SIGTERM stops it cleanly', async () => {
    const { serve, url } = await startServe(dir);
    try {
      const banner = serve.output();
      assert.match(banner, /e-mail: +demo@regd\.test/);
      assert.match(banner, /API key: +[A-Za-z0-9_-]{32}/);
      assert.match(banner, /WAPI password: +\S+/);
      assert.match(banner, new RegExp(`Operator token: ${join(dir, 'operator.token')}`));
      assert.match(banner, new RegExp(`curl ${url}/healthz`));
      assert.match(banner, /^WHOIS on 127\.0\.0\.1 port \d+: whois -h 127\.0\.0\.1 -p \d+ <domain>$/m);
      assert.match(banner, new RegExp(`^RDAP at ${url}/rdap/ \\(${url}/rdap/help\\)$`, 'm'));

      // The embedded database is held by the server, so these can only succeed through its operator API.
      const demo = await cliJson<{ email: string; pushUsername: string; hasWapiPassword: boolean; balances: { currency: string; balance: string }[] }>(
        ['--data-dir', dir, 'account', 'show', 'demo@regd.test'],
      );
      assert.equal(demo.pushUsername, 'demo');
      assert.equal(demo.hasWapiPassword, true);
      assert.deepEqual(demo.balances.map((b) => `${b.balance} ${b.currency}`).sort(), ['1000.00 EUR', '1000.00 USD', '25000.00 CZK']);

      const before = new Date(((await (await fetch(`${url}/healthz`)).json()) as { time: string }).time).getTime();
      const moved = await cliJson<{ offsetMs: number }>(['--data-dir', dir, 'clock', 'advance', '3d']);
      assert.equal(moved.offsetMs, 3 * DAY);
      const after = new Date(((await (await fetch(`${url}/healthz`)).json()) as { time: string }).time).getTime();
      assert.ok(after - before >= 3 * DAY, 'the server clock moved at once');

      const err = await runCli(['--data-dir', dir, 'account', 'show', 'nobody@example.test', '--json']);
      assert.equal(err.code, 1);
      assert.equal(JSON.parse(err.stdout).error.code, 'ACCOUNT_NOT_FOUND');

      const second = await runCli([...SERVE_ARGS(dir), 'serve']);
      assert.equal(second.code, 1);
      assert.match(second.stderr, /already running at/);
    } finally {
      assert.equal(await stopServe(serve), 0);
    }
    assert.equal(existsSync(join(dir, 'server.json')), false, 'server.json is removed on shutdown');
  });

  test('a later start prints no credentials and seeds nothing', async () => {
    const { serve } = await startServe(dir);
    try {
      assert.doesNotMatch(serve.output(), /API key:/);
      assert.match(serve.output(), /Rotate credentials with: .*account api-key/);
      const accounts = await cliJson<unknown[]>(['--data-dir', dir, 'account', 'list']);
      assert.equal(accounts.length, 1);
    } finally {
      assert.equal(await stopServe(serve), 0);
    }
  });

  test('a stale server.json (nothing answers) falls back to direct mode', async () => {
    writeFileSync(join(dir, 'server.json'), JSON.stringify({ url: `http://127.0.0.1:${await closedPort()}`, pid: 999999, startedAt: '' }));
    const shown = await cliJson<{ offsetMs: number }>(['--data-dir', dir, 'clock', 'show']);
    assert.equal(shown.offsetMs, 3 * DAY);
  });
});

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { freePort } from '../dns/support/peers.ts';
import { waitFor } from '../server/support.ts';
import { cliJson, runCli, spawnServe } from './support.ts';

// The CLI processes inherit this: regd must not depend on the umask it is started with.
process.umask(0o000);

/** Every entry of `dir` (itself included) that its group or others may use, as "path mode"; and how many entries there are. */
function openToOthers(dir: string): { entries: number; open: string[] } {
  const open: string[] = [];
  let entries = 0;
  const visit = (path: string) => {
    const st = lstatSync(path);
    entries++;
    if (!st.isSymbolicLink() && (st.mode & 0o077) !== 0) open.push(`${relative(dir, path) || '.'} ${(st.mode & 0o7777).toString(8)}`);
    if (st.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
  };
  visit(dir);
  return { entries, open };
}

function chmodTree(path: string, fileMode: number, dirMode: number): void {
  const st = lstatSync(path);
  if (st.isDirectory()) {
    chmodSync(path, dirMode);
    for (const name of readdirSync(path)) chmodTree(join(path, name), fileMode, dirMode);
  } else if (st.isFile()) chmodSync(path, fileMode);
}

describe('the data directory and exports are readable by their owner only', { timeout: 600_000 }, () => {
  let root: string;
  let dir: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'regd-modes-'));
    dir = join(root, 'data');
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  test('regd serve: the directory 0700, every file and directory in it (the database included) without group or other bits, while it runs and after', async () => {
    const serve = spawnServe(['--data-dir', dir, '--port', '0', '--log-level', 'warn', '--dns-host', '127.0.0.1', '--dns-port', String(await freePort()), '--whois-port', '0', '--forwarding-port', '0', '--mail-port', '0']);
    let exited = false;
    void serve.exited.then(() => (exited = true));
    try {
      await waitFor(() => exited || (existsSync(join(dir, 'server.json')) && /listening on/.test(serve.output())), `regd serve in ${dir} to listen`, 180_000);
      assert.equal(exited, false, `regd serve ended: ${serve.output()}`);
      // A write through the running server (to the demo account seeded on this first start): new rows, WAL.
      await cliJson(['--data-dir', dir, 'account', 'deposit', 'demo@regd.test', '50.00']);
      const running = openToOthers(dir);
      assert.ok(running.entries > 500, `${running.entries} entries`);
      assert.deepEqual(running.open, []);
      assert.equal(statSync(dir).mode & 0o777, 0o700);
      for (const f of ['server.json', 'operator.token', 'pglite.lock']) assert.equal(statSync(join(dir, f)).mode & 0o777, 0o600, f);
    } finally {
      serve.child.kill('SIGTERM');
      await serve.exited;
    }
    assert.equal(await serve.exited, 0);
    assert.deepEqual(openToOthers(dir).open, []);
  });

  test('a data directory left open to everyone (an older regd) is repaired when opened; export writes a 0600 file', async () => {
    chmodTree(dir, 0o666, 0o777);
    assert.ok(openToOthers(dir).open.length > 500);
    const fresh = join(root, 'fresh.json');
    const summary = await cliJson<{ file: string; tables: number; rows: number }>(['--data-dir', dir, 'export', fresh]);
    assert.equal(summary.file, fresh);
    assert.deepEqual(openToOthers(dir).open, []);
    assert.equal(statSync(fresh).mode & 0o777, 0o600);
  });

  test('export makes an existing 0644 file 0600 before writing into it, and says so', async () => {
    const fresh = join(root, 'fresh.json');
    const dump = JSON.parse(readFileSync(fresh, 'utf8')) as { tables: { rows: unknown[] }[] };
    const rows = dump.tables.reduce((n, t) => n + t.rows.length, 0);
    const existing = join(root, 'existing.json');
    writeFileSync(existing, 'an older export\n', { mode: 0o644 });
    assert.equal(statSync(existing).mode & 0o777, 0o644);
    const human = await runCli(['--data-dir', dir, 'export', existing]);
    assert.deepEqual(human, {
      code: 0,
      stdout: `Exported ${rows} rows from ${dump.tables.length} tables to ${existing} (mode 0600: it holds password hashes and secrets).\n`,
      stderr: '',
    });
    assert.equal(statSync(existing).mode & 0o777, 0o600);
    const withoutTime = (f: string) => readFileSync(f, 'utf8').replace(/"exportedAt": "[^"]*"/, '"exportedAt": null');
    assert.equal(withoutTime(existing), withoutTime(fresh));
  });

  test('an export that cannot be written is refused with a clear message', async () => {
    const r = await runCli(['--data-dir', dir, 'export', join(root, 'missing-dir', 'x.json'), '--json']);
    assert.deepEqual({ code: r.code, stdout: JSON.parse(r.stdout), stderr: r.stderr }, {
      code: 1,
      stdout: { error: { code: 'CANNOT_WRITE_FILE', message: `cannot write ${join(root, 'missing-dir', 'x.json')}: ENOENT` } },
      stderr: '',
    });
  });
});

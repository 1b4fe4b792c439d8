import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DAY } from '../../src/core/clock.ts';
import { cliJson, runCli } from './support.ts';

describe('CLI, direct mode (no server running)', { timeout: 600_000 }, () => {
  let root: string;
  let dir: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'regd-cli-'));
    dir = join(root, 'data');
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  test('account create, deposit and show', async () => {
    const created = await cliJson<{ account: { id: number; email: string; status: string }; apiKey: string; password: string }>(
      ['--data-dir', dir, 'account', 'create', '--email', 'cli@example.test', '--first-name', 'Cli', '--currency', 'USD'],
    );
    assert.equal(created.account.email, 'cli@example.test');
    assert.equal(created.account.status, 'active');
    assert.match(created.apiKey, /^[A-Za-z0-9_-]{32}$/);
    assert.equal(typeof created.password, 'string', 'a generated password is printed once');
    const deposit = await cliJson<{ orderNumber: string; balance: { balance: string; currency: string } }>(
      ['--data-dir', dir, 'account', 'deposit', 'cli@example.test', '250.75'],
    );
    assert.deepEqual([deposit.balance.currency, deposit.balance.balance], ['USD', '250.75']);
    const shown = await cliJson<{ id: number; firstName: string; balances: { currency: string; balanceMinor: number }[] }>(
      ['--data-dir', dir, 'account', 'show', String(created.account.id)],
    );
    assert.equal(shown.firstName, 'Cli');
    assert.deepEqual(shown.balances.map((b) => [b.currency, b.balanceMinor]), [['USD', 25075]]);
    const human = await runCli(['--data-dir', dir, 'account', 'show', 'cli@example.test']);
    assert.equal(human.code, 0);
    assert.match(human.stdout, /^Account: +\d+ +cli@example\.test$/m);
    assert.match(human.stdout, /USD 250\.75 \(available 250\.75, on hold 0\.00\)/);
  });

  test('errors: exit 1 with the flow message, or {"error": {code, message}} with --json', async () => {
    const json = await runCli(['--data-dir', dir, 'account', 'show', '424242', '--json']);
    assert.equal(json.code, 1);
    assert.deepEqual(JSON.parse(json.stdout), { error: { code: 'ACCOUNT_NOT_FOUND', message: 'Account 424242 not found.' } });
    const human = await runCli(['--data-dir', dir, 'account', 'deposit', '1', '1.234']);
    assert.equal(human.code, 1);
    assert.equal(human.stderr.trim(), 'regd: Invalid amount: at most 2 decimal places for USD.');
  });

  test('bad configuration: exit 2, one clear line, no stack trace', async () => {
    const r = await runCli(['--data-dir', dir, '--mode', 'staging', 'account', 'list']);
    assert.equal(r.code, 2);
    assert.equal(r.stderr.trim(), 'regd: --mode: "staging" is not one of sandbox, production');
    const env = await runCli(['--data-dir', dir, 'clock', 'show'], { REGD_PORT: 'eighty' });
    assert.equal(env.code, 2);
    assert.doesNotMatch(env.stderr, /\n\s+at /);
  });

  test('clock advance persists the offset', async () => {
    const moved = await cliJson<{ offsetMs: number; previous: string; now: string }>(['--data-dir', dir, 'clock', 'advance', '1d12h']);
    assert.equal(moved.offsetMs, 36 * 60 * 60 * 1000);
    const shown = await cliJson<{ offsetMs: number }>(['--data-dir', dir, 'clock', 'show']);
    assert.equal(shown.offsetMs, 1.5 * DAY);
  });

  test('export, then import into a fresh directory: identical data; a second import is refused', async () => {
    const fileA = join(root, 'a.json');
    const fileB = join(root, 'b.json');
    const dirB = join(root, 'copy');
    const exported = await cliJson<{ tables: number; rows: number }>(['--data-dir', dir, 'export', fileA]);
    assert.ok(exported.rows >= 5, `${exported.rows} rows exported`);
    const imported = await cliJson<{ rows: number; tables: number }>(['--data-dir', dirB, 'import', fileA]);
    assert.equal(imported.rows, exported.rows);
    await cliJson(['--data-dir', dirB, 'export', fileB]);
    const withoutTime = (f: string) => ({ ...JSON.parse(readFileSync(f, 'utf8')), exportedAt: null });
    assert.deepEqual(withoutTime(fileB), withoutTime(fileA));
    const again = await runCli(['--data-dir', dirB, 'import', fileA, '--json']);
    assert.equal(again.code, 1);
    assert.equal(JSON.parse(again.stdout).error.code, 'DATABASE_NOT_EMPTY');
    // Sequences continue where the source stood: the next order number follows the last one.
    const deposit = await cliJson<{ orderNumber: string }>(['--data-dir', dirB, 'account', 'deposit', 'cli@example.test', '1']);
    assert.equal(deposit.orderNumber, '1000002');
  });
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataDirInUse, lockDataDir } from './data-dir-lock.ts';

test('the lock holds this pid, refuses a live holder, and takes over a dead one', () => {
  const dir = mkdtempSync(join(tmpdir(), 'regd-lock-'));
  const file = join(dir, 'pglite.lock');
  const lock = lockDataDir(dir);
  assert.equal(readFileSync(file, 'utf8'), String(process.pid));
  lock.release();
  assert.equal(existsSync(file), false);

  writeFileSync(file, String(process.ppid));
  assert.throws(() => lockDataDir(dir), (e: unknown) => e instanceof DataDirInUse && e.pid === process.ppid);

  // pid_max on Linux is at most 2^22: this pid cannot be alive.
  writeFileSync(file, String(2 ** 22 + 1));
  const taken = lockDataDir(dir);
  assert.equal(readFileSync(file, 'utf8'), String(process.pid));
  taken.release();
});

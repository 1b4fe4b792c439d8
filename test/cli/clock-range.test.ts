/**
 * The clock's range through the real CLI (issue 12, item 2): a move past
 * 4000-01-01 is refused with exit 1, a clear message and nothing stored, and
 * the data directory still opens with the clock where it was. (A directory
 * that already holds an out-of-range offset: clock-repair.test.ts.)
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/store/index.ts';
import { runCli } from './support.ts';

const TOO_FAR = (param: string): string =>
  `Invalid ${param}: the clock cannot be moved past 4000-01-01T00:00:00.000Z (every stored date and wire format must hold it, with a 10-year registration after it).`;

describe('CLI: a clock move past the range', { timeout: 280_000 }, () => {
  let root: string;
  let dir: string;
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'regd-clock-range-'));
    dir = join(root, 'data');
    // The data directory is made here, so that no CLI call has to create and migrate it within its time limit.
    await (await openStore({ dataDir: join(dir, 'pglite') })).close();
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  test('exit 1 with the message (JSON with --json), nothing stored, the directory opens with the clock unchanged', async () => {
    const human = await runCli(['--data-dir', dir, 'clock', 'advance', '1000000000d']);
    assert.deepEqual(human, { code: 1, stdout: '', stderr: `regd: ${TOO_FAR('duration')}\n` });
    const json = await runCli(['--data-dir', dir, 'clock', 'advance', '99999999999999999999d', '--json']);
    assert.deepEqual({ ...json, stdout: JSON.parse(json.stdout) as unknown }, { code: 1, stdout: { error: { code: 'CLOCK_OUT_OF_RANGE', message: TOO_FAR('duration') } }, stderr: '' });
    const shown = await runCli(['--data-dir', dir, 'clock', 'show', '--json']);
    assert.deepEqual([shown.code, shown.stderr], [0, '']);
    assert.equal((JSON.parse(shown.stdout) as { offsetMs: number }).offsetMs, 0, 'the clock did not move');
  });
});

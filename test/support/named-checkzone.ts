/**
 * BIND's named-checkzone (Debian/Ubuntu package bind9-utils) as a reference
 * peer for zone files: `named-checkzone -D -o - <zone> <file>` loads a
 * master file and prints it in BIND's canonical form. A test that needs it
 * fails with a clear message when CI is set, and is skipped elsewhere.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';

const MISSING = 'named-checkzone is not on PATH (install it with: apt-get install -y bind9-utils)';

export function hasNamedCheckzone(): boolean {
  const r = spawnSync('named-checkzone', ['-v'], { encoding: 'utf8' });
  return r.status === 0;
}

/** True when named-checkzone can be used; otherwise fails the test under CI, or skips it. */
export function requireNamedCheckzone(t: TestContext): boolean {
  if (hasNamedCheckzone()) return true;
  if (process.env.CI) assert.fail(`${MISSING}; it is required when CI is set`);
  t.skip(MISSING);
  return false;
}

/** BIND's canonical dump of a master file; throws with BIND's messages when it does not load. */
export function bindCanonicalZone(zone: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'regd-zone-'));
  try {
    const file = join(dir, 'zone.db');
    writeFileSync(file, text);
    const r = spawnSync('named-checkzone', ['-D', '-o', '-', zone, file], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`named-checkzone could not load ${zone}:\n${r.stdout}${r.stderr}\n--- zone file ---\n${text}`);
    return r.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

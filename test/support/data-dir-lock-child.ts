/**
 * One contender for the data directory lock (src/runtime/data-dir-lock.test.ts).
 * Says `ready`, then reads commands on stdin, one a line, and answers each on stdout:
 * `lock <dir>` → `won` | `held <pid>` | `error <message>`; `release` → `released`.
 * The parent sends `lock` to every contender at once, so they race.
 */
import { createInterface } from 'node:readline';
import { DataDirInUse, lockDataDir, type DataDirLock } from '../../src/runtime/data-dir-lock.ts';

let lock: DataDirLock | undefined;
const say = (line: string) => process.stdout.write(line + '\n');

say('ready');
for await (const line of createInterface({ input: process.stdin })) {
  const command = line.split(' ', 1)[0];
  if (command === 'lock') {
    try {
      lock = lockDataDir(line.slice('lock '.length));
      say('won');
    } catch (e) {
      say(e instanceof DataDirInUse ? `held ${e.pid}` : `error ${(e as Error).message}`);
    }
  } else if (command === 'release') {
    lock?.release();
    lock = undefined;
    say('released');
  }
}

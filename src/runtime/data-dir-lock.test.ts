import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { claimFileFor, DataDirInUse, lockDataDir } from './data-dir-lock.ts';

// pid_max on Linux is at most 2^22: this pid cannot be alive.
const DEAD_PID = 2 ** 22 + 1;
const CHILD = fileURLToPath(new URL('../../test/support/data-dir-lock-child.ts', import.meta.url));
const CONTENDERS = 20;
const ROUNDS = 10;

const firstLine = (file: string) => readFileSync(file, 'utf8').split('\n', 1)[0];

describe('the data directory lock, in one process', () => {
  let root: string;
  before(() => (root = mkdtempSync(join(tmpdir(), 'regd-lock-'))));
  after(() => rmSync(root, { recursive: true, force: true }));

  test('holds this pid in a 0600 file in a 0700 directory, refuses a live holder, takes over a dead one', () => {
    const dir = join(root, 'basic');
    const file = join(dir, 'pglite.lock');
    const lock = lockDataDir(dir);
    assert.equal(firstLine(file), String(process.pid));
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(statSync(dir).mode & 0o777, 0o700);
    lock.release();
    assert.deepEqual(readdirSync(dir), []);

    writeFileSync(file, String(process.ppid));
    assert.throws(() => lockDataDir(dir), (e: unknown) => e instanceof DataDirInUse && e.pid === process.ppid);
    assert.equal(readFileSync(file, 'utf8'), String(process.ppid));

    for (const stale of [String(DEAD_PID), '', 'not a pid\n']) {
      writeFileSync(file, stale);
      const taken = lockDataDir(dir);
      assert.equal(firstLine(file), String(process.pid));
      taken.release();
      assert.deepEqual(readdirSync(dir), []);
    }
  });

  test('a lock this process holds is refused; one with its pid that it does not hold (an earlier process with the same pid) is taken over', () => {
    const dir = join(root, 'own');
    const file = join(dir, 'pglite.lock');
    const lock = lockDataDir(dir);
    assert.throws(() => lockDataDir(dir), (e: unknown) => e instanceof DataDirInUse && e.pid === process.pid);
    lock.release();
    writeFileSync(file, `${process.pid}\n`);
    const again = lockDataDir(dir);
    assert.notEqual(readFileSync(file, 'utf8'), `${process.pid}\n`);
    again.release();
    assert.deepEqual(readdirSync(dir), []);
  });

  test('release removes only its own lock file', () => {
    const dir = join(root, 'release');
    const file = join(dir, 'pglite.lock');
    const lock = lockDataDir(dir);
    // Someone removed it and another process locked the directory meanwhile.
    rmSync(file);
    writeFileSync(file, String(process.ppid));
    lock.release();
    assert.equal(readFileSync(file, 'utf8'), String(process.ppid));
  });

  test('a claim left by a taker that died is taken over too', () => {
    const dir = join(root, 'dead-claim');
    mkdirSync(dir);
    const file = join(dir, 'pglite.lock');
    writeFileSync(file, String(DEAD_PID));
    writeFileSync(claimFileFor(file)!, `${DEAD_PID}\n`);
    const lock = lockDataDir(dir);
    assert.equal(firstLine(file), String(process.pid));
    lock.release();
    assert.deepEqual(readdirSync(dir), []);
  });
});

/** A child process racing for the lock, driven line by line. */
class Contender {
  readonly child: ChildProcessWithoutNullStreams;
  #buffer = '';
  #lines: string[] = [];
  #waiting: ((line: string) => void)[] = [];

  constructor() {
    this.child = spawn(process.execPath, ['--import', 'tsx', CHILD], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (d: string) => {
      this.#buffer += d;
      for (let i = this.#buffer.indexOf('\n'); i >= 0; i = this.#buffer.indexOf('\n')) {
        const line = this.#buffer.slice(0, i);
        this.#buffer = this.#buffer.slice(i + 1);
        const waiter = this.#waiting.shift();
        if (waiter) waiter(line);
        else this.#lines.push(line);
      }
    });
    this.child.stderr.resume();
  }

  send(line: string): void {
    this.child.stdin.write(line + '\n');
  }

  next(): Promise<string> {
    const line = this.#lines.shift();
    if (line !== undefined) return Promise.resolve(line);
    return new Promise((resolve) => this.#waiting.push(resolve));
  }
}

describe(`the data directory lock, ${CONTENDERS} processes at the same instant`, { timeout: 300_000 }, () => {
  let root: string;
  let contenders: Contender[];
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'regd-lock-race-'));
    contenders = Array.from({ length: CONTENDERS }, () => new Contender());
    assert.deepEqual(await Promise.all(contenders.map((c) => c.next())), contenders.map(() => 'ready'));
  });
  after(() => {
    for (const c of contenders ?? []) c.child.stdin.end();
    rmSync(root, { recursive: true, force: true });
  });

  const scenarios: Record<string, (dir: string) => void> = {
    'no lock file': () => {},
    'a lock file of a dead process': (dir) => writeFileSync(join(dir, 'pglite.lock'), String(DEAD_PID)),
    'an empty lock file': (dir) => writeFileSync(join(dir, 'pglite.lock'), ''),
    'a lock file and a claim on it of dead processes': (dir) => {
      const file = join(dir, 'pglite.lock');
      writeFileSync(file, `${DEAD_PID}\n`);
      writeFileSync(claimFileFor(file)!, `${DEAD_PID}\n`);
    },
  };

  for (const [name, prepare] of Object.entries(scenarios)) {
    test(`${name}: exactly one wins, every other names the winner, and the winner's release leaves nothing behind`, async () => {
      const pids = contenders.map((c) => c.child.pid!);
      for (let round = 0; round < ROUNDS; round++) {
        const dir = join(root, `${name.replace(/\W+/g, '-')}-${round}`);
        mkdirSync(dir);
        prepare(dir);
        for (const c of contenders) c.send(`lock ${dir}`);
        const answers = await Promise.all(contenders.map((c) => c.next()));
        const winners = pids.filter((_, i) => answers[i] === 'won');
        assert.equal(winners.length, 1, `round ${round}: ${winners.length} winners: ${answers.join(', ')}`);
        const winner = winners[0]!;
        assert.deepEqual(answers, pids.map((pid) => (pid === winner ? 'won' : `held ${winner}`)), `round ${round}`);
        assert.equal(firstLine(join(dir, 'pglite.lock')), String(winner));
        assert.deepEqual(readdirSync(dir), ['pglite.lock'], `round ${round}`);
        for (const c of contenders) c.send('release');
        assert.deepEqual(await Promise.all(contenders.map((c) => c.next())), contenders.map(() => 'released'));
        assert.equal(existsSync(join(dir, 'pglite.lock')), false);
      }
    });
  }
});

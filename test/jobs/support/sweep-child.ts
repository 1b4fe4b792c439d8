/**
 * A sweeper in a process of its own, for the crash test: sweeps the
 * PostgreSQL schema REGD_TEST_SCHEMA at the instant REGD_TEST_NOW, each item
 * slowed by REGD_SWEEP_ITEM_DELAY_MS, and prints its result as JSON.
 */
import { openStore } from '../../../src/store/index.ts';
import { createEngine } from '../../../src/core/engine.ts';
import { FakeClock } from '../../../src/core/clock.ts';
import { loadPolicyBook } from '../../../src/core/policy/index.ts';
import { sweep } from '../../../src/jobs/index.ts';
import { slowEngine } from './slow-engine.ts';

const env = (name: string): string => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is required`);
  return v;
};

const store = await openStore({ databaseUrl: env('DATABASE_URL'), schema: env('REGD_TEST_SCHEMA'), poolSize: 4, migrate: false });
const engine = slowEngine(createEngine({ store, clock: new FakeClock(env('REGD_TEST_NOW')), policy: loadPolicyBook() }), Number(env('REGD_SWEEP_ITEM_DELAY_MS')));
try {
  process.stdout.write('sweeping\n');
  process.stdout.write(`${JSON.stringify(await sweep(engine))}\n`);
} finally {
  await store.close();
}

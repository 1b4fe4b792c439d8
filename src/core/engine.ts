/**
 * The engine: store, clock, policy and the flow runner, assembled once per
 * process and handed to the server, the CLI, the sweeper and the tests.
 */
import type { Store } from '../store/database.ts';
import type { Clock } from './clock.ts';
import type { PolicyBook } from './policy/policy-book.ts';
import { createFlowRunner, type FlowRunner } from './run-flow.ts';

export interface Engine extends FlowRunner {
  readonly store: Store;
  readonly clock: Clock;
  readonly policy: PolicyBook;
}

export function createEngine(deps: { store: Store; clock: Clock; policy: PolicyBook }): Engine {
  const runner = createFlowRunner({ db: deps.store.db, clock: deps.clock, policy: deps.policy });
  return { store: deps.store, clock: deps.clock, policy: deps.policy, run: runner.run };
}

/**
 * The engine: store, clock, policy and the flow runner, assembled once per
 * process and handed to the server, the CLI, the sweeper and the tests.
 */
import type { Store } from '../store/database.ts';
import type { Clock } from './clock.ts';
import type { DnsZoneLimits } from './context.ts';
import type { PolicyBook } from './policy/policy-book.ts';
import { createFlowRunner, type FlowRunner } from './run-flow.ts';
import { CredentialsCache, type CredentialsCacheOptions } from './credentials-cache.ts';
import { PruneSchedule } from './prune-schedule.ts';
import { configureRegistrationBatches } from './flows/domains/registration-batches.ts';

export interface Engine extends FlowRunner {
  readonly store: Store;
  readonly clock: Clock;
  readonly policy: PolicyBook;
  /** Announces every write this process commits (through `run`, or told by a direct writer such as a data import). */
  readonly commits: CommitSignal;
  /**
   * Credentials verified a moment ago (credentials-cache.ts). On PostgreSQL
   * it answers only while startCredentialsFeed reads the change log (the
   * server starts it); on the embedded store, always.
   */
  readonly credentials: CredentialsCache;
}

/**
 * "Something was committed in this process": the DNS publisher polls the
 * store at once instead of at its next interval, and, on an embedded store
 * that no other process can write, only then. A listener must not throw
 * and must not wait (it schedules work).
 */
export class CommitSignal {
  readonly #listeners = new Set<() => void>();

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  }

  notify(): void {
    for (const listener of this.#listeners) listener();
  }
}

export function createEngine(deps: { store: Store; clock: Clock; policy: PolicyBook; credentials?: CredentialsCacheOptions; dnsLimits?: DnsZoneLimits }): Engine {
  const commits = new CommitSignal();
  // Other processes may write a PostgreSQL database: no hit until the change log is read (credentials-feed.ts).
  const credentials = new CredentialsCache({ ...(deps.store.kind === 'postgres' ? { coherent: () => false } : {}), ...deps.credentials });
  // A database server writes an account's next registrations while this process answers the last ones (registration-batches.ts).
  configureRegistrationBatches(deps.store.db, { sendNextFirst: deps.store.kind === 'postgres' });
  const runner = createFlowRunner({ db: deps.store.db, clock: deps.clock, policy: deps.policy, onCommit: () => commits.notify(), credentials, prunes: new PruneSchedule(), ...(deps.dnsLimits ? { dnsLimits: deps.dnsLimits } : {}) });
  return { store: deps.store, clock: deps.clock, policy: deps.policy, run: runner.run, commits, credentials };
}

/**
 * Which projected lifecycle states allow which changes. A guard names the
 * operation so the error says what was refused and why.
 */
import { DomainStatusProhibits } from '../../errors/index.ts';
import type { DomainState } from '../../lifecycle/project-domain.ts';
import type { OwnedDomain } from './domain-access.ts';

/**
 * The registrant still holds a working registration: settings, auth code and
 * delete requests are accepted. Not pending_create (the registry has not
 * confirmed it yet), nor redemption / pending_delete (only restore applies).
 */
export const CHANGEABLE_STATES: ReadonlySet<DomainState> = new Set(['active', 'expired']);

/** Only a live, unexpired registration can be upgraded (its expiry is extended). */
export const ACTIVE_ONLY: ReadonlySet<DomainState> = new Set(['active']);

export function verifyStateIn(owned: Pick<OwnedDomain, 'row' | 'projection'>, allowed: ReadonlySet<DomainState>, operation: string): void {
  const state = owned.projection.state;
  if (!allowed.has(state)) throw new DomainStatusProhibits(owned.row.name, state, operation);
}

/** Notifications and drop-catch requests (preorders, backorders). */
import { AlreadyExists, NotFound, PolicyViolation, StatusProhibits } from './base.ts';

/** Missing, already acknowledged, and another account's notification are reported alike. */
export class NotificationNotFound extends NotFound<{ id: number | string }> {
  readonly code = 'NOTIFICATION_NOT_FOUND';
  constructor(id: number | string) {
    super(`Notification ${id} not found in this account's queue.`, { id });
  }
}

/** A drop request waits for a held name; an available name is simply registered. */
export class DropNameAvailable extends PolicyViolation<{ name: string }> {
  readonly code = 'DROP_NAME_AVAILABLE';
  constructor(name: string) {
    super(`Domain ${name} is available; register it instead of ordering it.`, { name });
  }
}

/** The requesting account holds the name itself. */
export class DropNameOwned extends PolicyViolation<{ name: string }> {
  readonly code = 'DROP_NAME_OWNED';
  constructor(name: string) {
    super(`Domain ${name} is already in this account.`, { name });
  }
}

/** One pending request per account, kind and name. */
export class DropRequestExists extends AlreadyExists<{ kind: string; name: string }> {
  readonly code = 'DROP_REQUEST_EXISTS';
  constructor(kind: string, name: string) {
    super(`A ${kind} for ${name} is already pending.`, { kind, name });
  }
}

/** No pending request of this kind for the name in this account. */
export class DropRequestNotFound extends NotFound<{ kind: string; name: string }> {
  readonly code = 'DROP_REQUEST_NOT_FOUND';
  constructor(kind: string, name: string) {
    super(`No pending ${kind} for ${name} in this account.`, { kind, name });
  }
}

/** Past its cutoff (a day before the name is projected to be released) a request can no longer be withdrawn. */
export class DropRequestPastCutoff extends StatusProhibits<{ kind: string; name: string; cutoffAt: string }> {
  readonly code = 'DROP_REQUEST_PAST_CUTOFF';
  constructor(kind: string, name: string, cutoffAt: string) {
    super(`The ${kind} for ${name} can no longer be cancelled: its cutoff (${cutoffAt}) has passed.`, { kind, name, cutoffAt });
  }
}

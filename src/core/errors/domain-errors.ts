/** Domain registrations. */
import { AlreadyExists, NotAuthorized, NotFound, PolicyViolation, StatusProhibits } from './base.ts';

export class DomainNotAvailable extends AlreadyExists<{ name: string }> {
  readonly code = 'DOMAIN_NOT_AVAILABLE';
  constructor(name: string) {
    super(`Domain ${name} is not available.`, { name });
  }
}

/** Another account's domain is reported exactly like a missing one. */
export class DomainNotFound extends NotFound<{ name: string }> {
  readonly code = 'DOMAIN_NOT_FOUND';
  constructor(name: string) {
    super(`Domain ${name} not found in this account.`, { name });
  }
}

export class DomainReserved extends PolicyViolation<{ name: string }> {
  readonly code = 'DOMAIN_RESERVED';
  constructor(name: string) {
    super(`Domain ${name} is reserved by the registry.`, { name });
  }
}

export class DomainBlocked extends PolicyViolation<{ name: string }> {
  readonly code = 'DOMAIN_BLOCKED';
  constructor(name: string) {
    super(`Domain ${name} is blocked by the registry.`, { name });
  }
}

/** Deleted or expired name still held in redemption / pending delete; not yet available. */
export class DomainQuarantined extends StatusProhibits<{ name: string }> {
  readonly code = 'DOMAIN_QUARANTINED';
  constructor(name: string) {
    super(`Domain ${name} is in quarantine after deletion and cannot be registered yet.`, { name });
  }
}

export class PremiumConsentRequired extends PolicyViolation<{ name: string; priceMinor: number; currency: string }> {
  readonly code = 'PREMIUM_CONSENT_REQUIRED';
  constructor(name: string, priceMinor: number, currency: string) {
    super(`Domain ${name} is a premium name; its price must be accepted explicitly.`, { name, priceMinor, currency });
  }
}

export class DomainLocked extends StatusProhibits<{ name: string }> {
  readonly code = 'DOMAIN_LOCKED';
  constructor(name: string) {
    super(`Domain ${name} is locked.`, { name });
  }
}

/** A state (expired, redemption, pending create…) that does not allow the operation. */
export class DomainStatusProhibits extends StatusProhibits<{ name: string; status: string; operation: string }> {
  readonly code = 'DOMAIN_STATUS_PROHIBITS';
  constructor(name: string, status: string, operation: string) {
    super(`Domain ${name} is ${status}; ${operation} is not allowed in this state.`, { name, status, operation });
  }
}

export class DeleteNotAllowed extends PolicyViolation<{ name: string }> {
  readonly code = 'DELETE_NOT_ALLOWED';
  constructor(name: string) {
    super(`Domain ${name} can only be deleted during its add-grace period.`, { name });
  }
}

export class RestoreNotAllowed extends StatusProhibits<{ name: string; status: string }> {
  readonly code = 'RESTORE_NOT_ALLOWED';
  constructor(name: string, status: string) {
    super(`Domain ${name} is ${status}; only a domain in redemption can be restored.`, { name, status });
  }
}

/** Renewing would push the expiry beyond the registry's maximum horizon, or outside the renewal window. */
export class RenewNotAllowed extends PolicyViolation<{ name: string; reason: string }> {
  readonly code = 'RENEW_NOT_ALLOWED';
  constructor(name: string, reason: string) {
    super(`Domain ${name} cannot be renewed: ${reason}.`, { name, reason });
  }
}

/**
 * A renewal of the domain's current term already exists: the term has been
 * renewed and the renewed period has not begun yet, or its automatic
 * renewal is due and waiting (WEDOS "already exists unpaid (new) period").
 * A client retrying a renewal that did go through meets this, not a
 * second charge.
 */
export class RenewalAlreadyRequested extends StatusProhibits<{ name: string; expiresAt: string; reason: string }> {
  readonly code = 'RENEWAL_ALREADY_REQUESTED';
  constructor(name: string, expiresAt: Date, reason: string) {
    super(`Domain ${name} already has a renewal of its current term (it expires ${expiresAt.toISOString().slice(0, 10)}): ${reason}.`, { name, expiresAt: expiresAt.toISOString(), reason });
  }
}

export class NotUpgradable extends StatusProhibits<{ name: string }> {
  readonly code = 'NOT_UPGRADABLE';
  constructor(name: string) {
    super(`Domain ${name} is not a free domain and cannot be upgraded.`, { name });
  }
}

export class AuthCodeMismatch extends NotAuthorized<{ name: string }> {
  readonly code = 'AUTH_CODE_MISMATCH';
  constructor(name: string) {
    super(`The authorization code for ${name} is not correct.`, { name });
  }
}

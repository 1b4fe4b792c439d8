/** Accounts and credentials. */
import { AlreadyExists, LimitExceeded, NotAuthorized, NotFound, PolicyViolation } from './base.ts';

export class AccountNotFound extends NotFound<{ ref: string | number }> {
  readonly code = 'ACCOUNT_NOT_FOUND';
  constructor(ref: string | number) {
    super(`Account ${ref} not found.`, { ref });
  }
}

export class EmailAlreadyUsed extends AlreadyExists<{ email: string; param: string }> {
  readonly code = 'EMAIL_ALREADY_USED';
  constructor(email: string) {
    super(`An account with e-mail ${email} already exists.`, { email, param: 'email' });
  }
}

export class PushUsernameTaken extends AlreadyExists<{ username: string; param: string }> {
  readonly code = 'PUSH_USERNAME_TAKEN';
  constructor(username: string) {
    super(`Push username ${username} is already taken.`, { username, param: 'push_username' });
  }
}

/** Wrong e-mail/password, API key or WAPI hash. Deliberately says nothing about which part was wrong. */
export class InvalidCredentials extends NotAuthorized {
  readonly code = 'INVALID_CREDENTIALS';
  constructor() {
    super('Invalid credentials.');
  }
}

/**
 * Too many failed logins: for this login name (an e-mail, whether an account
 * has it or not) or from this client address. Refused whatever the password,
 * until `retryAfterSeconds` have passed.
 */
export class LoginLocked extends LimitExceeded<{ retryAfterSeconds: number }> {
  readonly code = 'LOGIN_LOCKED';
  constructor(retryAfterSeconds: number) {
    super(`Too many failed logins: try again in ${retryAfterSeconds} seconds.`, { retryAfterSeconds });
  }
}

export class AccountSuspended extends NotAuthorized {
  readonly code = 'ACCOUNT_SUSPENDED';
  constructor() {
    super('This account is suspended.');
  }
}

/** An operation reserved to a higher account level (e.g. reseller-only commands). */
export class AccountLevelRequired extends NotAuthorized<{ required: string }> {
  readonly code = 'ACCOUNT_LEVEL_REQUIRED';
  constructor(required: string) {
    super(`This operation requires a ${required} account.`, { required });
  }
}

/** Moving the clock is a sandbox feature. */
export class ClockNotMovable extends PolicyViolation {
  readonly code = 'CLOCK_NOT_MOVABLE';
  constructor() {
    super('The clock can only be moved in sandbox mode.');
  }
}

export class ClockCannotGoBack extends PolicyViolation {
  readonly code = 'CLOCK_CANNOT_GO_BACK';
  constructor() {
    super('The sandbox clock only moves forward.');
  }
}

/** The actor may not perform this operation at all (e.g. an account calling an operator flow). */
export class NotAuthorizedOperation extends NotAuthorized<{ reason: string }> {
  readonly code = 'NOT_AUTHORIZED_OPERATION';
  constructor(reason: string) {
    super(`Not allowed: ${reason}.`, { reason });
  }
}

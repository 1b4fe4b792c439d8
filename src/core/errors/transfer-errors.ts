/** Transfers between accounts and pushes. */
import { AlreadyExists, NotFound, PolicyViolation, StatusProhibits } from './base.ts';

/** The name cannot be transferred at all (not registered, or a FREE registration). */
export class TransferNotPossible extends StatusProhibits<{ name: string; reason: string }> {
  readonly code = 'TRANSFER_NOT_POSSIBLE';
  constructor(name: string, reason: string) {
    super(`Domain ${name} cannot be transferred: ${reason}.`, { name, reason });
  }
}

/** The requesting account already holds the domain. */
export class TransferToSelf extends PolicyViolation<{ name: string }> {
  readonly code = 'TRANSFER_TO_SELF';
  constructor(name: string) {
    super(`Domain ${name} is already in this account.`, { name });
  }
}

/** The TLD forbids a transfer this soon after registration or after the previous transfer. */
export class TransferTooSoon extends PolicyViolation<{ name: string; allowedFrom: string }> {
  readonly code = 'TRANSFER_TOO_SOON';
  constructor(name: string, allowedFrom: Date) {
    super(`Domain ${name} cannot be transferred before ${allowedFrom.toISOString()}.`, { name, allowedFrom: allowedFrom.toISOString() });
  }
}

export class TransferAlreadyPending extends AlreadyExists<{ name: string }> {
  readonly code = 'TRANSFER_ALREADY_PENDING';
  constructor(name: string) {
    super(`A transfer of ${name} is already in progress.`, { name });
  }
}

/**
 * The domain has a pending transfer (EPP pendingTransfer): its holder may not
 * delete it until the transfer is approved, declined, cancelled or fails.
 */
export class PendingTransferProhibits extends StatusProhibits<{ name: string; operation: string }> {
  readonly code = 'PENDING_TRANSFER_PROHIBITS';
  constructor(name: string, operation: string) {
    super(`Domain ${name} has a pending transfer: ${operation} is not allowed.`, { name, operation });
  }
}

/**
 * A name server under the very domain being transferred, named on a
 * transfer that waits for the holder: its glue (a host object with
 * addresses) can only be given once the domain has arrived, so it is named
 * afterwards, with the domain's name servers.
 */
export class NameServerAwaitsTransfer extends PolicyViolation<{ host: string; domain: string; param: string }> {
  readonly code = 'NAME_SERVER_AWAITS_TRANSFER';
  constructor(host: string, domain: string, param = 'nameserver') {
    super(
      `Name server ${host} lies under ${domain}, whose transfer is pending: its glue can only be set once the domain has arrived, so set it with the domain's name servers then.`,
      { host, domain, param },
    );
  }
}

/** Missing, or not one the acting account may decide (wrong side, another account's). */
export class TransferNotFound extends NotFound<{ ref: string }> {
  readonly code = 'TRANSFER_NOT_FOUND';
  constructor(ref: string) {
    super(`Transfer ${ref} not found.`, { ref });
  }
}

/** The transfer has already been decided (or auto-approved) and can no longer change. */
export class TransferNotPending extends StatusProhibits<{ number: string; status: string }> {
  readonly code = 'TRANSFER_NOT_PENDING';
  constructor(number: string, status: string) {
    super(`Transfer ${number} is ${status}; it is no longer pending.`, { number, status });
  }
}

export class PushAlreadyPending extends AlreadyExists<{ name: string }> {
  readonly code = 'PUSH_ALREADY_PENDING';
  constructor(name: string) {
    super(`Domain ${name} is already waiting in a push.`, { name });
  }
}

export class PushReceiverNotFound extends NotFound<{ username: string; param: string }> {
  readonly code = 'PUSH_RECEIVER_NOT_FOUND';
  constructor(username: string) {
    super(`No account accepts pushes as ${username}.`, { username, param: 'receiver_push_username' });
  }
}

/** No open push of this domain waits for the acting account's answer. */
export class PushNotFound extends NotFound<{ name: string }> {
  readonly code = 'PUSH_NOT_FOUND';
  constructor(name: string) {
    super(`No pending push of ${name} for this account.`, { name });
  }
}

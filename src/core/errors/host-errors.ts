/** Name server host objects (glue records) and NSSETs. */
import { AlreadyExists, NotFound, PolicyViolation, StatusProhibits } from './base.ts';

/** A host name is one object in the registry, whichever account holds it. */
export class HostAlreadyExists extends AlreadyExists<{ host: string; param: string }> {
  readonly code = 'HOST_ALREADY_EXISTS';
  constructor(host: string, param = 'host') {
    super(`Name server ${host} already exists.`, { host, param });
  }
}

/** Missing and another account's host are reported alike. `ref` is the public number or the host name. */
export class HostNotFound extends NotFound<{ ref: string | number; param: string }> {
  readonly code = 'HOST_NOT_FOUND';
  constructor(ref: string | number, param = 'host') {
    super(`Name server ${ref} not found in this account.`, { ref, param });
  }
}

/** A host under a registry domain can only be created by the account that holds that domain. */
export class HostParentNotOwned extends NotFound<{ host: string; domain: string; param: string }> {
  readonly code = 'HOST_PARENT_NOT_OWNED';
  constructor(host: string, domain: string, param = 'host') {
    super(`Name server ${host} lies under ${domain}, which is not a domain of this account.`, { host, domain, param });
  }
}

/** A name server under a domain registered here is only reachable through glue: it needs an IP address. */
export class GlueRequired extends PolicyViolation<{ host: string; param: string }> {
  readonly code = 'GLUE_REQUIRED';
  constructor(host: string, param = 'ip') {
    super(`Name server ${host} lies under a domain of this registry and needs at least one IP address (glue record).`, { host, param });
  }
}

/** Glue is published only for hosts under this registry's domains; others resolve on their own. */
export class GlueNotAllowed extends PolicyViolation<{ host: string; param: string }> {
  readonly code = 'GLUE_NOT_ALLOWED';
  constructor(host: string, param = 'ip') {
    super(`Name server ${host} lies outside this registry; IP addresses (glue records) are not accepted for it.`, { host, param });
  }
}

/** Still delegated to by a live domain or listed in an NSSET (of any account; which one is not said). */
export class HostInUse extends StatusProhibits<{ host: string }> {
  readonly code = 'HOST_IN_USE';
  constructor(host: string) {
    super(`Name server ${host} is still used by a domain or an NSSET and cannot be deleted.`, { host });
  }
}

export class NssetAlreadyExists extends AlreadyExists<{ handle: string; param: string }> {
  readonly code = 'NSSET_ALREADY_EXISTS';
  constructor(handle: string, param = 'nsset') {
    super(`NSSET ${handle} already exists.`, { handle, param });
  }
}

/** Missing and another account's NSSET are reported alike. */
export class NssetNotFound extends NotFound<{ handle: string; param: string }> {
  readonly code = 'NSSET_NOT_FOUND';
  constructor(handle: string, param = 'nsset') {
    super(`NSSET ${handle} not found in this account.`, { handle, param });
  }
}

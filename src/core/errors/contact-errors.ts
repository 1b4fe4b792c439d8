/** Contacts (registrant, admin, tech, billing data sets) and their registry extras. */
import { NotFound, StatusProhibits } from './base.ts';

/** Missing and another account's contact are reported alike. `ref` is the public number or the handle. */
export class ContactNotFound extends NotFound<{ ref: string | number; param: string }> {
  readonly code = 'CONTACT_NOT_FOUND';
  constructor(ref: string | number, param = 'contact_id') {
    super(`Contact ${ref} not found in this account.`, { ref, param });
  }
}

/**
 * A contact still used by a live domain, an NSSET or a default template.
 * `names` are the display names of every refused contact, in request order,
 * so a dialect can print e.g. "cannot delete these contacts (Jack Slater)".
 */
export class ContactInUse extends StatusProhibits<{ contactIds: readonly number[]; names: readonly string[] }> {
  readonly code = 'CONTACT_IN_USE';
  constructor(contactIds: readonly number[], names: readonly string[]) {
    super(`Contacts in use cannot be deleted: ${names.join(', ')}.`, { contactIds: [...contactIds], names: [...names] });
  }
}

/** A CNNIC audit step that the audit's current status does not allow (e.g. a second submission while one is processing). */
export class CnAuditStatusProhibits extends StatusProhibits<{ contactId: number; status: string; operation: string }> {
  readonly code = 'CN_AUDIT_STATUS_PROHIBITS';
  constructor(contactId: number, status: string, operation: string) {
    super(`The CN audit of contact ${contactId} is ${status}; ${operation} is not allowed.`, { contactId, status, operation });
  }
}

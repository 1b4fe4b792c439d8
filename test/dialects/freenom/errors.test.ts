/**
 * The Freenom error table is complete and documented: every code a flow
 * used by a Freenom function can throw has a message, no message is for a
 * code nothing throws, and the README's tables are the code's tables.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as errors from '../../../src/core/errors/index.ts';
import type { ErrorCode } from '../../../src/core/errors/index.ts';
import { CATEGORY_MESSAGES, ERROR_MESSAGES, messageOf, WireError } from '../../../src/dialects/freenom/errors.ts';
import * as authenticate from '../../../src/core/flows/accounts/authenticate-account.ts';
import * as checkAvailability from '../../../src/core/flows/domains/check-availability.ts';
import * as registerDomain from '../../../src/core/flows/domains/register-domain.ts';
import * as renewDomain from '../../../src/core/flows/domains/renew-domain.ts';
import * as getDomain from '../../../src/core/flows/domains/get-domain.ts';
import * as modifyDomain from '../../../src/core/flows/domains/modify-domain.ts';
import * as deleteDomain from '../../../src/core/flows/domains/delete-domain.ts';
import * as restoreDomain from '../../../src/core/flows/domains/restore-domain.ts';
import * as upgradeDomain from '../../../src/core/flows/domains/upgrade-domain.ts';
import * as listDomains from '../../../src/core/flows/domains/list-domains.ts';
import * as getAuthCode from '../../../src/core/flows/domains/get-auth-code.ts';
import * as verifyAuthCode from '../../../src/core/flows/domains/verify-auth-code.ts';
import * as setNameServers from '../../../src/core/flows/hosts/set-domain-name-servers.ts';
import * as listHosts from '../../../src/core/flows/hosts/list-hosts.ts';
import * as upsertHost from '../../../src/core/flows/hosts/upsert-host.ts';
import * as deleteHost from '../../../src/core/flows/hosts/delete-host.ts';
import * as createContact from '../../../src/core/flows/contacts/create-contact.ts';
import * as editContact from '../../../src/core/flows/contacts/edit-contact.ts';
import * as deleteContact from '../../../src/core/flows/contacts/delete-contact.ts';
import * as getContact from '../../../src/core/flows/contacts/get-contact.ts';
import * as listContacts from '../../../src/core/flows/contacts/list-contacts.ts';
import * as setDomainContacts from '../../../src/core/flows/contacts/set-domain-contacts.ts';
import * as quoteTransfer from '../../../src/core/flows/transfers/quote-transfer.ts';
import * as requestTransfer from '../../../src/core/flows/transfers/request-transfer.ts';
import * as decideTransfer from '../../../src/core/flows/transfers/decide-transfer.ts';
import * as listTransfers from '../../../src/core/flows/transfers/list-transfers.ts';

/** The flows the 22 Freenom functions call (see commands/). */
const FLOWS: Readonly<Record<string, { readonly throws: readonly ErrorCode[] }>> = {
  authenticate, checkAvailability, registerDomain, renewDomain, getDomain, modifyDomain, deleteDomain, restoreDomain, upgradeDomain,
  listDomains, getAuthCode, verifyAuthCode, setNameServers, listHosts, upsertHost, deleteHost, createContact, editContact, deleteContact, getContact,
  listContacts, setDomainContacts, quoteTransfer, requestTransfer, decideTransfer, listTransfers,
};

const README = readFileSync(new URL('../../../src/dialects/freenom/README.md', import.meta.url), 'utf8');

/** `| \`KEY\` | text |` rows of the README. */
function readmeRows(): Map<string, string> {
  const rows = new Map<string, string>();
  for (const m of README.matchAll(/^\| `([A-Za-z_]+)` \| (.*) \|$/gm)) rows.set(m[1]!, m[2]!.replace(/\\\|/g, '|'));
  return rows;
}

describe('Freenom error table', () => {
  test('every code the flows can throw has a message', () => {
    const thrown = new Set(Object.values(FLOWS).flatMap((f) => f.throws));
    const missing = [...thrown].filter((code) => ERROR_MESSAGES[code] === undefined).sort();
    assert.deepEqual(missing, []);
  });

  test('no message is stale: each code is thrown by one of the flows', () => {
    const thrown = new Set(Object.values(FLOWS).flatMap((f) => f.throws));
    assert.deepEqual((Object.keys(ERROR_MESSAGES) as ErrorCode[]).filter((code) => !thrown.has(code)), []);
  });

  test('the README tables are the code tables', () => {
    const rows = readmeRows();
    const expected = new Map<string, string>([...Object.entries(ERROR_MESSAGES), ...Object.entries(CATEGORY_MESSAGES)]);
    assert.deepEqual(Object.fromEntries(rows), Object.fromEntries(expected));
  });

  test('messages are filled from the error details, with Freenom parameter names', () => {
    assert.equal(messageOf(new errors.MissingParameter('first_name')), 'Missing parameter: contact_firstname');
    assert.equal(messageOf(new errors.ContactNotFound(7, 'registrant')), 'Contact 7 not found (owner_id)');
    assert.equal(messageOf(new errors.InvalidPeriod(14, [1, 2, 3])), 'Invalid value for period: 14M is not allowed (allowed: 1M, 2M, 3M)');
    assert.equal(messageOf(new errors.InvalidPeriod(132, [12, 24])), 'Invalid value for period: 11Y is not allowed (allowed: 1Y, 2Y)');
    assert.equal(messageOf(new errors.ConflictingParameters('nameserver', 'forward_url')), 'nameserver and forward_url are mutually exclusive');
    assert.equal(messageOf(new errors.InvalidCredentials()), 'Login credentials do not match any account');
    assert.equal(messageOf(new WireError('Function not found')), 'Function not found');
    assert.equal(messageOf(new Error('boom')), undefined, 'an unexpected error has no Freenom message');
  });

  test('a code outside the table falls back on its category', () => {
    assert.equal(messageOf(new errors.FolderNotFound(3)), 'Not found: Folder 3 not found in this account');
    assert.equal(messageOf(new errors.DnsRecordNotFound(9)), 'Not found: DNS record 9 not found');
  });
});

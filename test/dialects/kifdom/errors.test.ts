/** The error table: every code a called flow can throw is mapped, no mapping is stale, and the README agrees. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { ErrorCode } from '../../../src/core/errors/index.ts';
import { knownErrorCodes } from '../../../src/core/errors/catalog.ts';
import * as authenticate from '../../../src/core/flows/accounts/authenticate-account.ts';
import * as getAccount from '../../../src/core/flows/accounts/get-account.ts';
import * as listDomains from '../../../src/core/flows/domains/list-domains.ts';
import * as getDomain from '../../../src/core/flows/domains/get-domain.ts';
import * as registerDomain from '../../../src/core/flows/domains/register-domain.ts';
import * as modifyDomain from '../../../src/core/flows/domains/modify-domain.ts';
import * as setNameServers from '../../../src/core/flows/hosts/set-domain-name-servers.ts';
import * as listRecords from '../../../src/core/flows/dns/list-records.ts';
import * as addRecord from '../../../src/core/flows/dns/add-record.ts';
import * as updateRecord from '../../../src/core/flows/dns/update-record.ts';
import * as deleteRecord from '../../../src/core/flows/dns/delete-record.ts';
import * as listTransfers from '../../../src/core/flows/transfers/list-transfers.ts';
import * as createPreorder from '../../../src/core/flows/drop-requests/create-preorder.ts';
import * as listDropRequests from '../../../src/core/flows/drop-requests/list-drop-requests.ts';
import { CATEGORY_FALLBACK, KIFDOM_ERRORS } from '../../../src/dialects/kifdom/errors.ts';
import { COMMANDS } from '../../../src/dialects/kifdom/index.ts';

/** Every flow the dialect calls. */
const FLOWS = {
  authenticate, getAccount, listDomains, getDomain, registerDomain, modifyDomain, setNameServers,
  listRecords, addRecord, updateRecord, deleteRecord, listTransfers, createPreorder, listDropRequests,
};

const README = readFileSync(new URL('../../../src/dialects/kifdom/README.md', import.meta.url), 'utf8');

function readmeTable(): Map<string, number> {
  const rows = new Map<string, number>();
  for (const m of README.matchAll(/^\| `([A-Z_]+)` \| (\d{3}) \|/gm)) rows.set(m[1]!, Number(m[2]));
  return rows;
}

/** The codes a table maps (its type allows only ErrorCode keys; the test below checks them at run time too). */
const mappedCodes = (table: object): ErrorCode[] => Object.keys(table) as ErrorCode[];

describe('KifDom error table', () => {
  test('every code a called flow can throw has its own KifDom message', () => {
    for (const [name, flow] of Object.entries(FLOWS)) {
      for (const code of flow.throws) assert.ok(KIFDOM_ERRORS[code], `${name} may throw ${code}, which errors.ts does not map`);
    }
  });

  test('no mapping is stale: each names a real core code that a called flow throws', () => {
    const thrown = new Set<ErrorCode>(Object.values(FLOWS).flatMap((f) => [...f.throws]));
    const known = knownErrorCodes();
    for (const code of mappedCodes(KIFDOM_ERRORS)) {
      assert.ok(known.has(code), `errors.ts maps ${code}, which is no core error code`);
      assert.ok(thrown.has(code), `errors.ts maps ${code}, which none of the dialect's flows throws`);
    }
  });

  test('every category has a fallback', () => {
    for (const category of ['NotFound', 'AlreadyExists', 'StatusProhibits', 'PolicyViolation', 'InvalidParameter', 'NotAuthorized', 'InsufficientFunds', 'LimitExceeded'] as const) {
      assert.ok(CATEGORY_FALLBACK[category], category);
    }
  });

  test('the README error table lists the same codes with the same statuses', () => {
    const table = readmeTable();
    assert.deepEqual([...table.keys()].sort(), Object.keys(KIFDOM_ERRORS).sort());
    for (const [code, rule] of Object.entries(KIFDOM_ERRORS)) assert.equal(table.get(code), rule.status, code);
  });

  test('route-specific messages override only mapped codes', () => {
    for (const c of COMMANDS) for (const code of mappedCodes(c.spec.messages)) assert.ok(KIFDOM_ERRORS[code], `${c.method} ${c.url}: ${code}`);
  });
});

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { knownErrorCodes } from '../../errors/catalog.ts';
import * as addRecord from './add-record.ts';
import * as commitDueZones from './commit-due-zones.ts';
import * as commitZone from './commit-zone.ts';
import * as deleteRecord from './delete-record.ts';
import * as exportZone from './export-zone.ts';
import * as getRecord from './get-record.ts';
import * as importZone from './import-zone.ts';
import * as listRecords from './list-records.ts';
import * as replaceZone from './replace-zone.ts';
import * as updateRecord from './update-record.ts';

const FLOWS = { addRecord, commitDueZones, commitZone, deleteRecord, exportZone, getRecord, importZone, listRecords, replaceZone, updateRecord };

const knownCodes = knownErrorCodes;

describe('DNS flows: throws lists', () => {
  test('success: every listed code is a real error code, listed once', () => {
    const codes = knownCodes();
    assert.ok(codes.has('DNS_RECORD_NOT_FOUND') && codes.has('ZONE_FILE_INVALID'));
    for (const [name, flow] of Object.entries(FLOWS)) {
      assert.equal(new Set(flow.throws).size, flow.throws.length, `${name} lists a code twice`);
      for (const code of flow.throws) assert.ok(codes.has(code), `${name} lists unknown code ${code}`);
    }
  });
});

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CnameConflict, DnsRecordExists } from '../errors/index.ts';
import { validateDnsRecord, type DnsRecordInput } from './record-types.ts';
import { verifyZoneRecords } from './zone-rules.ts';
import { dateSerial, nextZoneSerial } from './zone-serial.ts';
import { txtCharacterStrings } from './txt-strings.ts';

const rec = (r: Partial<DnsRecordInput>) => validateDnsRecord(r as DnsRecordInput, { apex: 'example.com' });

describe('verifyZoneRecords', () => {
  test('success: distinct records, and the same data under other names, types or TTLs of other names', () => {
    verifyZoneRecords([
      rec({ type: 'A', name: '@', value: '192.0.2.1' }),
      rec({ type: 'A', name: '@', value: '192.0.2.2' }),
      rec({ type: 'A', name: 'www', value: '192.0.2.1' }),
      rec({ type: 'CNAME', name: 'blog', value: 'www.example.com' }),
      rec({ type: 'CNAME', name: 'x.blog', value: 'www.example.com' }),
      rec({ type: 'MX', name: '@', value: 'mx.example.net', priority: 10 }),
      rec({ type: 'MX', name: '@', value: 'mx.example.net', priority: 20 }),
      rec({ type: 'TXT', name: '@', value: 'Hello' }),
      rec({ type: 'TXT', name: '@', value: 'hello' }),
    ]);
  });

  test('failure: the same record twice, whatever the TTL', () => {
    assert.throws(() => verifyZoneRecords([rec({ type: 'A', name: 'www', value: '192.0.2.1', ttl: 300 }), rec({ type: 'A', name: 'WWW', value: '192.0.2.1', ttl: 600 })]), DnsRecordExists);
    assert.throws(() => verifyZoneRecords([rec({ type: 'AAAA', name: 'v6', value: '2001:db8::1' }), rec({ type: 'AAAA', name: 'v6', value: '2001:DB8:0::1' })]), DnsRecordExists);
  });

  test('failure: CNAME beside other data, two CNAMEs, or a CNAME at the apex', () => {
    const cname = rec({ type: 'CNAME', name: 'www', value: 'host.example.net' });
    const cases = [
      [cname, rec({ type: 'A', name: 'www', value: '192.0.2.1' })],
      [rec({ type: 'TXT', name: 'www', value: 'x' }), cname],
      [cname, rec({ type: 'CNAME', name: 'www', value: 'other.example.net' })],
      [rec({ type: 'CNAME', name: '@', value: 'host.example.net' })],
    ];
    for (const records of cases) assert.throws(() => verifyZoneRecords(records), CnameConflict, JSON.stringify(records));
  });
});

describe('zone serials', () => {
  test('success: YYYYMMDDnn from the UTC date, always moving forward', () => {
    assert.equal(dateSerial(new Date('2026-01-15T23:59:59Z')), 2026011500);
    assert.equal(nextZoneSerial(2026011500, new Date('2026-01-15T10:00:00Z')), 2026011501);
    assert.equal(nextZoneSerial(2026011407, new Date('2026-01-15T10:00:00Z')), 2026011500);
    assert.equal(nextZoneSerial(2026011599, new Date('2026-01-15T10:00:00Z')), 2026011600);
    assert.equal(nextZoneSerial(2026020100, new Date('2026-01-15T10:00:00Z')), 2026020101);
  });
});

describe('txtCharacterStrings', () => {
  test('success: UTF-8 bytes in strings of at most 255', () => {
    assert.deepEqual(txtCharacterStrings('abc').map((b) => b.length), [3]);
    assert.deepEqual(txtCharacterStrings('x'.repeat(255)).map((b) => b.length), [255]);
    assert.deepEqual(txtCharacterStrings('é'.repeat(200)).map((b) => b.length), [255, 145]);
    assert.equal(Buffer.concat(txtCharacterStrings('é'.repeat(200))).toString('utf8'), 'é'.repeat(200));
  });
});

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ZoneFileInvalid } from '../errors/index.ts';
import { bindCanonicalZone, requireNamedCheckzone } from '../../../test/support/named-checkzone.ts';
import { validateDnsRecord, type DnsRecordData, type DnsRecordInput } from './record-types.ts';
import { formatZoneFile, parseZoneFile, sortRecords, type SoaFields } from './zone-file.ts';

const APEX = 'example.com';
const SOA: SoaFields = { mname: 'ns1.regd.test', rname: 'hostmaster.regd.test', serial: 2026011503, refresh: 7200, retry: 3600, expire: 1209600, minimum: 300 };
const NAME_SERVERS = ['ns1.regd.test', 'ns2.regd.test'];
const rec = (r: Partial<DnsRecordInput>): DnsRecordData => validateDnsRecord(r as DnsRecordInput, { apex: APEX });

/**
 * One zone with every hosted type and the awkward cases of each. Records of
 * one RRset share a TTL (RFC 2181 §5.2): BIND would rewrite differing ones.
 */
const EVERY_TYPE: readonly DnsRecordData[] = [
  rec({ type: 'A', name: '@', value: '192.0.2.1', ttl: 300 }),
  rec({ type: 'A', name: 'www', value: '192.0.2.2' }),
  rec({ type: 'A', name: '*.dev', value: '192.0.2.3', ttl: 60 }),
  rec({ type: 'A', name: 'mail', value: '192.0.2.25' }),
  rec({ type: 'A', name: 'sip', value: '192.0.2.60' }),
  rec({ type: 'A', name: 'ns1.lab', value: '192.0.2.53' }),
  rec({ type: 'AAAA', name: 'www', value: '2001:db8::2' }),
  rec({ type: 'AAAA', name: 'mail', value: '2001:db8:0:0:1::25' }),
  rec({ type: 'CNAME', name: 'blog', value: 'www.example.com' }),
  rec({ type: 'CNAME', name: '_acme-challenge.www', value: '_acme-challenge.delegated.example.net' }),
  rec({ type: 'CNAME', name: 'xn--caf-dma', value: 'shop.example.net' }),
  rec({ type: 'NS', name: 'lab', value: 'ns1.lab.example.com' }),
  rec({ type: 'NS', name: 'lab', value: 'ns.example.net' }),
  rec({ type: 'MX', name: '@', value: 'mail.example.com', priority: 10 }),
  rec({ type: 'MX', name: '@', value: 'backup.example.net', priority: 20 }),
  rec({ type: 'MX', name: 'nomail', value: '.', priority: 0 }),
  rec({ type: 'TXT', name: '@', value: 'v=spf1 mx -all' }),
  rec({ type: 'TXT', name: '_dmarc', value: 'v=DMARC1; p=reject; rua=mailto:dmarc@example.com' }),
  rec({ type: 'TXT', name: 'quotes', value: 'say "hi" \\ back\\slash ; not a comment (nor a paren)' }),
  rec({ type: 'TXT', name: 'unicode', value: 'café – naïve 🚀\ttab\nnewline' }),
  rec({ type: 'TXT', name: 'sel1._domainkey', value: 'v=DKIM1; k=rsa; p=' + 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA'.repeat(12) }),
  rec({ type: 'TXT', name: 'long', value: 'é'.repeat(300) + 'x'.repeat(3700), ttl: 86400 }),
  rec({ type: 'SRV', name: '_sip._tcp', value: 'sip.example.com', priority: 10, weight: 60, port: 5060 }),
  rec({ type: 'SRV', name: '_sip._udp', value: '.', priority: 0, weight: 0, port: 0 }),
  rec({ type: 'CAA', name: '@', value: 'letsencrypt.org', tag: 'issue' }),
  rec({ type: 'CAA', name: '@', value: ';', tag: 'issuewild', flags: 128 }),
  rec({ type: 'CAA', name: '@', value: 'mailto:security@example.com', tag: 'iodef' }),
  rec({ type: 'CAA', name: 'quoted', value: 'ca.example.net; note="x"', tag: 'issue' }),
];

const zoneText = (records: readonly DnsRecordData[]) => formatZoneFile({ apex: APEX, defaultTtl: 3600, soa: SOA, nameServers: NAME_SERVERS, records });
const parse = (text: string) => parseZoneFile(text, { apex: APEX });

function assertLineError(text: string, line: number, reason: RegExp): void {
  assert.throws(() => parse(text), (e: unknown) => {
    assert.ok(e instanceof ZoneFileInvalid, `expected ZoneFileInvalid, got ${(e as Error).constructor.name}: ${(e as Error).message}`);
    assert.equal(e.details.line, line, `${e.message}\n--- in ---\n${text}`);
    assert.match(e.message, reason);
    return true;
  });
}

describe('formatZoneFile / parseZoneFile', () => {
  test('success: export writes $ORIGIN, $TTL, SOA, apex NS and records in a stable order', () => {
    const records = [rec({ type: 'TXT', name: 'b', value: 'x' }), rec({ type: 'A', name: 'a.b', value: '192.0.2.9' }), rec({ type: 'MX', name: '@', value: 'mx.example.net', priority: 5 }), rec({ type: 'A', name: '@', value: '192.0.2.1' })];
    const expected = [
      '$ORIGIN example.com.',
      '$TTL 3600',
      '@\t3600\tIN\tSOA\tns1.regd.test. hostmaster.regd.test. 2026011503 7200 3600 1209600 300',
      '@\t3600\tIN\tNS\tns1.regd.test.',
      '@\t3600\tIN\tNS\tns2.regd.test.',
      '@\t3600\tIN\tA\t192.0.2.1',
      '@\t3600\tIN\tMX\t5 mx.example.net.',
      'b\t3600\tIN\tTXT\t"x"',
      'a.b\t3600\tIN\tA\t192.0.2.9',
      '',
    ].join('\n');
    assert.equal(zoneText(records), expected);
    assert.equal(zoneText([...records].reverse()), expected, 'the order does not depend on the input order');
  });

  test('success: TXT is split into quoted 255-byte strings with escapes', () => {
    const text = formatZoneFile({ apex: APEX, defaultTtl: 3600, records: [rec({ type: 'TXT', name: 't', value: 'a"b\\c;d\u00e9' + 'z'.repeat(300) })] });
    const line = text.split('\n')[2]!;
    const strings = line.split('\t')[4]!;
    assert.equal(strings, `"a\\"b\\\\c;d\\195\\169${'z'.repeat(246)}" "${'z'.repeat(54)}"`);
  });

  test('success: every record type round-trips: export, import, export gives the same records and bytes', () => {
    const text = zoneText(EVERY_TYPE);
    const parsed = parse(text);
    assert.deepEqual(parsed.records, sortRecords(EVERY_TYPE));
    assert.deepEqual(parsed.skipped, [
      { line: 3, name: '@', type: 'SOA', reason: 'the SOA record is generated by regd' },
      { line: 4, name: '@', type: 'NS', reason: "the apex name servers are regd's own" },
      { line: 5, name: '@', type: 'NS', reason: "the apex name servers are regd's own" },
    ]);
    assert.equal(zoneText(parsed.records), text);
  });

  test("success: BIND's canonical form of the export equals that of a re-export of the imported zone, and regd reads BIND's form back", (t) => {
    if (!requireNamedCheckzone(t)) return;
    const exported = zoneText(EVERY_TYPE);
    const reExported = zoneText(parse(exported).records);
    const canonical = bindCanonicalZone(APEX, exported);
    assert.equal(bindCanonicalZone(APEX, reExported), canonical);
    for (const r of EVERY_TYPE) assert.ok(canonical.includes(` IN ${r.type}`), `BIND kept the ${r.type} records`);
    assert.deepEqual(parse(canonical).records, sortRecords(EVERY_TYPE), "regd reads BIND's canonical dump back to the same records");
  });

  test('success: import reads $ORIGIN, $TTL, relative and absolute names, blank owners, parentheses, comments and escapes', () => {
    const text = [
      '; a hand-written zone',
      '$TTL 1h',
      '@ IN SOA ns1.other.example. admin.other.example. (',
      '        2024010101 ; serial',
      '        3600 900 604800 300 )',
      '  NS ns1.other.example.',
      '@ 600 IN A 192.0.2.1 ; the apex',
      '  IN 120 AAAA 2001:DB8::1',
      'www CNAME @',
      'mail.example.com. A 192.0.2.25',
      '@ MX 10 mail',
      '@ MX ( 20',
      '       backup.example.net. )',
      '$ORIGIN sub.example.com.',
      'host 1d A 192.0.2.7',
      '@ TXT "two " "strings" unquoted',
      '_sip._tcp SRV 1 2 5060 host',
      '$ORIGIN example.com.',
      'txt TXT "semi;colon (paren) \\"quote\\" back\\\\slash \\067\\097\\102\\195\\169"',
      'caa 3600 CAA 0 issue "ca.example.net"',
      'caa CAA 128 iodef mailto:sec@example.com',
    ].join('\n');
    const parsed = parse(text);
    assert.deepEqual(parsed.records, [
      rec({ type: 'A', name: '@', value: '192.0.2.1', ttl: 600 }),
      rec({ type: 'AAAA', name: '@', value: '2001:db8::1', ttl: 120 }),
      rec({ type: 'CNAME', name: 'www', value: 'example.com', ttl: 3600 }),
      rec({ type: 'A', name: 'mail', value: '192.0.2.25', ttl: 3600 }),
      rec({ type: 'MX', name: '@', value: 'mail.example.com', priority: 10, ttl: 3600 }),
      rec({ type: 'MX', name: '@', value: 'backup.example.net', priority: 20, ttl: 3600 }),
      rec({ type: 'A', name: 'host.sub', value: '192.0.2.7', ttl: 86400 }),
      rec({ type: 'TXT', name: 'sub', value: 'two stringsunquoted', ttl: 3600 }),
      rec({ type: 'SRV', name: '_sip._tcp.sub', value: 'host.sub.example.com', priority: 1, weight: 2, port: 5060, ttl: 3600 }),
      rec({ type: 'TXT', name: 'txt', value: 'semi;colon (paren) "quote" back\\slash Café', ttl: 3600 }),
      rec({ type: 'CAA', name: 'caa', value: 'ca.example.net', tag: 'issue', flags: 0, ttl: 3600 }),
      rec({ type: 'CAA', name: 'caa', value: 'mailto:sec@example.com', tag: 'iodef', flags: 128, ttl: 3600 }),
    ]);
    assert.deepEqual(parsed.skipped, [
      { line: 3, name: '@', type: 'SOA', reason: 'the SOA record is generated by regd' },
      { line: 6, name: '@', type: 'NS', reason: "the apex name servers are regd's own" },
    ]);
  });

  test('success: without $TTL a record takes the last explicit TTL, then the default', () => {
    const parsed = parseZoneFile('a A 192.0.2.1\nb 300 A 192.0.2.2\nc A 192.0.2.3\n', { apex: APEX, defaultTtl: 7200 });
    assert.deepEqual(parsed.records.map((r) => [r.name, r.ttl]), [['a', 7200], ['b', 300], ['c', 300]]);
  });

  test('failure: syntax errors name their line', () => {
    assertLineError('a A 192.0.2.1\nb TXT "open\nc A 192.0.2.3', 2, /unterminated quoted string/);
    assertLineError('a A 192.0.2.1\nb MX ( 10\n  mx.example.net.\n', 2, /closing "\)" is missing/);
    assertLineError('a A 192.0.2.1 )', 1, /unbalanced "\)"/);
    assertLineError('a A 192.0.2.1\nb TXT "bad \\300 byte"', 2, /not a byte/);
    assertLineError('a A 192.0.2.1\n\n  ; comment\nb PTR host.example.net.', 4, /record type PTR is not supported/);
    assertLineError('a CH A 192.0.2.1', 1, /class CH is not supported/);
    assertLineError('a 5x A 192.0.2.1', 1, /TTL "5x"/);
    assertLineError('a\n', 1, /record type is missing/);
    assertLineError(' A 192.0.2.1', 1, /first record has no owner/);
    assertLineError('$INCLUDE other.zone', 1, /\$INCLUDE directive is not supported/);
    assertLineError('$GENERATE 1-10 host$ A 192.0.2.$', 1, /\$GENERATE directive is not supported/);
    assertLineError('$ORIGIN', 1, /\$ORIGIN takes exactly one argument/);
    assertLineError('a MX mx.example.net.', 1, /MX takes 2 data fields, 1 given/);
    assertLineError('a MX ten mx.example.net.', 1, /MX preference "ten" is not a number/);
    assertLineError('a SRV 1 2 3', 1, /SRV takes 4 data fields, 3 given/);
    assertLineError('a TXT', 1, /at least one string/);
    assertLineError('sub SOA ns. host. 1 2 3 4 5', 1, /only allowed at the zone apex/);
    assertLineError('@ SOA ns. host. 1 2 3', 1, /SOA takes 7 data fields/);
    assertLineError('a TXT "\\255\\254"', 1, /not valid UTF-8/);
    assertLineError('"quoted" A 192.0.2.1', 1, /quoted names/);
  });

  test('failure: records that regd cannot host name their line', () => {
    assertLineError('www.other.com. A 192.0.2.1', 1, /outside the zone example\.com\./);
    assertLineError('$ORIGIN other.com.\nwww A 192.0.2.1', 2, /outside the zone/);
    assertLineError('ok A 192.0.2.1\nbad A 192.0.2.300', 2, /Invalid A record value: an IPv4 address/);
    assertLineError('a 30 A 192.0.2.1', 1, /Invalid TTL 30/);
    assertLineError('$TTL 7d\na A 192.0.2.1', 2, /Invalid TTL 604800/);
    assertLineError('@ CNAME other.example.net.\n_x A 192.0.2.1', 2, /"_" are only allowed/);
    assertLineError('a CAA 0 is-sue "x"', 1, /tag/);
  });
});

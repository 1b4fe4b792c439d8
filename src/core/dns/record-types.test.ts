import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidRecordName, InvalidRecordTtl, InvalidRecordType, InvalidRecordValue, InvalidValue } from '../errors/index.ts';
import { validateDnsRecord, type DnsRecordData, type DnsRecordInput } from './record-types.ts';
import { DNS_DEFAULT_TTL, DNS_MAX_TTL, DNS_MIN_TTL } from './ttl.ts';

const APEX = 'example.com';
const NO_FIELDS = { priority: null, weight: null, port: null, flags: null, tag: null } as const;
const validate = (input: Partial<DnsRecordInput>, defaultTtl?: number) =>
  validateDnsRecord(input as DnsRecordInput, { apex: APEX, ...(defaultTtl !== undefined ? { defaultTtl } : {}) });
const record = (r: Partial<DnsRecordData> & Pick<DnsRecordData, 'name' | 'type' | 'value'>): DnsRecordData => ({ ttl: DNS_DEFAULT_TTL, ...NO_FIELDS, ...r });

/** Each case: input, then the error class and the parameter it must name. */
type Invalid = [Partial<DnsRecordInput>, abstract new (...args: never[]) => Error, string];

function assertInvalid(cases: readonly Invalid[]): void {
  for (const [input, errorClass, param] of cases) {
    assert.throws(() => validate(input), (e: unknown) => {
      assert.ok(e instanceof errorClass, `${JSON.stringify(input)}: expected ${errorClass.name}, got ${(e as Error).constructor.name}: ${(e as Error).message}`);
      assert.equal((e as InvalidRecordValue).param, param, JSON.stringify(input));
      return true;
    });
  }
}

describe('validateDnsRecord', () => {
  test('success: A takes dotted-quad IPv4', () => {
    assert.deepEqual(validate({ type: 'A', name: '@', value: ' 192.0.2.1 ' }), record({ name: '@', type: 'A', value: '192.0.2.1' }));
    assert.deepEqual(validate({ type: 'a', name: 'WWW', value: '0.0.0.0', ttl: 60 }), record({ name: 'www', type: 'A', value: '0.0.0.0', ttl: 60 }));
  });

  test('failure: A refuses anything but an IPv4 address', () => {
    assertInvalid(['192.0.2', '192.0.2.256', '01.2.3.4', '2001:db8::1', 'example.com', '', ' '].map((value) => [{ type: 'A', name: '@', value }, InvalidRecordValue, 'value']));
    assertInvalid([[{ type: 'A', name: '@', value: 3221225985 as unknown as string }, InvalidRecordValue, 'value']]);
  });

  test('success: AAAA is stored in canonical compressed lower-case form', () => {
    const cases: [string, string][] = [
      ['2001:DB8:0:0:0:0:0:1', '2001:db8::1'],
      ['2001:0db8:0000:0000:0001:0000:0000:0001', '2001:db8::1:0:0:1'],
      ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
      ['::', '::'],
      ['::FFFF:192.0.2.1', '::ffff:c000:201'],
    ];
    for (const [value, canonical] of cases) {
      assert.deepEqual(validate({ type: 'AAAA', name: 'v6', value }), record({ name: 'v6', type: 'AAAA', value: canonical }), value);
    }
  });

  test('failure: AAAA refuses anything but an IPv6 address', () => {
    assertInvalid(['192.0.2.1', '2001:db8::1::1', '2001:db8:::1', 'fe80::1%eth0', 'g::1', ''].map((value) => [{ type: 'AAAA', name: '@', value }, InvalidRecordValue, 'value']));
  });

  test('success: CNAME and NS targets are lower-case A-labels without the trailing dot', () => {
    assert.deepEqual(validate({ type: 'CNAME', name: 'blog', value: 'Blog.Example.NET.' }), record({ name: 'blog', type: 'CNAME', value: 'blog.example.net' }));
    assert.deepEqual(validate({ type: 'cname', name: 'shop', value: 'café.example' }), record({ name: 'shop', type: 'CNAME', value: 'xn--caf-dma.example' }));
    assert.deepEqual(
      validate({ type: 'CNAME', name: '_acme-challenge', value: '_acme-challenge.delegated.example.net' }),
      record({ name: '_acme-challenge', type: 'CNAME', value: '_acme-challenge.delegated.example.net' }),
    );
    assert.deepEqual(validate({ type: 'NS', name: 'lab', value: 'ns1.lab.example.com' }), record({ name: 'lab', type: 'NS', value: 'ns1.lab.example.com' }));
  });

  test('failure: CNAME and NS need a fully qualified host name; NS never at the apex; a CNAME never points to itself', () => {
    assertInvalid([
      [{ type: 'CNAME', name: 'a', value: 'localhost' }, InvalidRecordValue, 'value'],
      [{ type: 'CNAME', name: 'a', value: '192.0.2.1' }, InvalidRecordValue, 'value'],
      [{ type: 'CNAME', name: 'a', value: 'bad_host.example.com' }, InvalidRecordValue, 'value'],
      [{ type: 'CNAME', name: 'a', value: '-x.example.com' }, InvalidRecordValue, 'value'],
      [{ type: 'CNAME', name: 'a', value: 'a..example.com' }, InvalidRecordValue, 'value'],
      [{ type: 'CNAME', name: 'a', value: `${'x'.repeat(64)}.example.com` }, InvalidRecordValue, 'value'],
      [{ type: 'CNAME', name: 'a', value: '.' }, InvalidRecordValue, 'value'],
      [{ type: 'CNAME', name: 'loop', value: 'loop.example.com.' }, InvalidRecordValue, 'value'],
      [{ type: 'NS', name: 'sub', value: '_ns.example.net' }, InvalidRecordValue, 'value'],
      [{ type: 'NS', name: '@', value: 'ns1.example.net' }, InvalidRecordValue, 'name'],
      [{ type: 'NS', name: '*.sub', value: 'ns1.example.net' }, InvalidRecordName, 'name'],
    ]);
  });

  test('success: MX needs a priority from 0 to 65535; "." with priority 0 is a null MX', () => {
    assert.deepEqual(validate({ type: 'MX', name: '@', value: 'mail.example.net.', priority: 10 }), record({ name: '@', type: 'MX', value: 'mail.example.net', priority: 10 }));
    assert.deepEqual(validate({ type: 'MX', name: '@', value: 'mx.example.net', priority: 65535 }).priority, 65535);
    assert.deepEqual(validate({ type: 'MX', name: '@', value: '.', priority: 0 }), record({ name: '@', type: 'MX', value: '.', priority: 0 }));
  });

  test('failure: MX without a valid priority or host', () => {
    assertInvalid([
      [{ type: 'MX', name: '@', value: 'mail.example.net' }, InvalidRecordValue, 'priority'],
      [{ type: 'MX', name: '@', value: 'mail.example.net', priority: -1 }, InvalidRecordValue, 'priority'],
      [{ type: 'MX', name: '@', value: 'mail.example.net', priority: 65536 }, InvalidRecordValue, 'priority'],
      [{ type: 'MX', name: '@', value: 'mail.example.net', priority: 1.5 }, InvalidRecordValue, 'priority'],
      [{ type: 'MX', name: '@', value: 'mail.example.net', priority: '10' as unknown as number }, InvalidRecordValue, 'priority'],
      [{ type: 'MX', name: '@', value: '192.0.2.1', priority: 10 }, InvalidRecordValue, 'value'],
      [{ type: 'MX', name: '@', value: '.', priority: 10 }, InvalidRecordValue, 'value'],
      [{ type: 'MX', name: '_mail', value: 'mail.example.net', priority: 10 }, InvalidRecordName, 'name'],
    ]);
  });

  test('success: TXT is stored exactly as given, up to 4000 characters', () => {
    const spf = '  v=spf1 include:_spf.example.net "quoted" ~all  ';
    assert.deepEqual(validate({ type: 'TXT', name: '_dmarc', value: spf }), record({ name: '_dmarc', type: 'TXT', value: spf }));
    assert.equal(validate({ type: 'TXT', name: 'long', value: 'é'.repeat(4000) }).value, 'é'.repeat(4000));
    assert.equal(validate({ type: 'TXT', name: 'sel1._domainkey', value: 'k=rsa; p=MIGf' }).name, 'sel1._domainkey');
  });

  test('failure: TXT empty, longer than 4000 characters, or with NUL', () => {
    assertInvalid([
      [{ type: 'TXT', name: '@', value: '' }, InvalidRecordValue, 'value'],
      [{ type: 'TXT', name: '@', value: 'x'.repeat(4001) }, InvalidRecordValue, 'value'],
      [{ type: 'TXT', name: '@', value: 'a\u0000b' }, InvalidRecordValue, 'value'],
      [{ type: 'TXT', name: '@', value: 'broken \uD800 surrogate' }, InvalidRecordValue, 'value'],
      [{ type: 'TXT', name: '@', value: 42 as unknown as string }, InvalidRecordValue, 'value'],
    ]);
  });

  test('success: SRV takes priority, weight, port and target under _service._proto', () => {
    assert.deepEqual(
      validate({ type: 'SRV', name: '_sip._tcp', value: 'sip.example.com', priority: 10, weight: 60, port: 5060 }),
      record({ name: '_sip._tcp', type: 'SRV', value: 'sip.example.com', priority: 10, weight: 60, port: 5060 }),
    );
    assert.deepEqual(
      validate({ type: 'SRV', name: '_xmpp-server._tcp.chat', value: '.', priority: 0, weight: 0, port: 0 }),
      record({ name: '_xmpp-server._tcp.chat', type: 'SRV', value: '.', priority: 0, weight: 0, port: 0 }),
    );
  });

  test('failure: SRV with a bad owner, number or target', () => {
    const ok = { type: 'SRV', name: '_sip._tcp', value: 'sip.example.com', priority: 10, weight: 60, port: 5060 };
    assertInvalid([
      [{ ...ok, name: 'sip' }, InvalidRecordValue, 'name'],
      [{ ...ok, name: '_sip' }, InvalidRecordValue, 'name'],
      [{ ...ok, name: 'sip._tcp' }, InvalidRecordValue, 'name'],
      [{ ...ok, name: '*._tcp' }, InvalidRecordName, 'name'],
      [{ ...ok, priority: undefined }, InvalidRecordValue, 'priority'],
      [{ ...ok, weight: 70000 }, InvalidRecordValue, 'weight'],
      [{ ...ok, port: -1 }, InvalidRecordValue, 'port'],
      [{ ...ok, port: undefined }, InvalidRecordValue, 'port'],
      [{ ...ok, value: '_sip.example.com' }, InvalidRecordValue, 'value'],
    ]);
  });

  test('success: CAA takes flags (0 by default), a lower-cased tag and a value', () => {
    assert.deepEqual(
      validate({ type: 'CAA', name: '@', value: 'letsencrypt.org', tag: 'ISSUE' }),
      record({ name: '@', type: 'CAA', value: 'letsencrypt.org', flags: 0, tag: 'issue' }),
    );
    const cases: [Partial<DnsRecordInput>, Partial<DnsRecordData>][] = [
      [{ tag: 'issuewild', value: ';', flags: 128 }, { tag: 'issuewild', value: ';', flags: 128 }],
      [{ tag: 'issue', value: 'ca.example.net; account=230123' }, { tag: 'issue', value: 'ca.example.net; account=230123', flags: 0 }],
      [{ tag: 'issue', value: '' }, { tag: 'issue', value: '', flags: 0 }],
      [{ tag: 'iodef', value: 'mailto:security@example.com' }, { tag: 'iodef', value: 'mailto:security@example.com', flags: 0 }],
      [{ tag: 'iodef', value: 'https://iodef.example.com/report' }, { tag: 'iodef', value: 'https://iodef.example.com/report', flags: 0 }],
      [{ tag: 'contactemail', value: 'domains@example.com' }, { tag: 'contactemail', value: 'domains@example.com', flags: 0 }],
    ];
    for (const [input, expected] of cases) {
      assert.deepEqual(validate({ type: 'CAA', name: '@', ...input } as DnsRecordInput), record({ name: '@', type: 'CAA', value: '', ...expected }), JSON.stringify(input));
    }
  });

  test('failure: CAA with bad flags, tag or value', () => {
    const ok = { type: 'CAA', name: '@', value: 'letsencrypt.org', tag: 'issue', flags: 0 };
    assertInvalid([
      [{ ...ok, flags: 256 }, InvalidRecordValue, 'flags'],
      [{ ...ok, flags: -1 }, InvalidRecordValue, 'flags'],
      [{ ...ok, tag: undefined }, InvalidRecordValue, 'tag'],
      [{ ...ok, tag: 'is-sue' }, InvalidRecordValue, 'tag'],
      [{ ...ok, tag: 'x'.repeat(16) }, InvalidRecordValue, 'tag'],
      [{ ...ok, value: 'not a domain' }, InvalidRecordValue, 'value'],
      [{ ...ok, tag: 'iodef', value: 'security@example.com' }, InvalidRecordValue, 'value'],
      [{ ...ok, tag: 'contactemail', value: '' }, InvalidRecordValue, 'value'],
      [{ ...ok, value: 'ca.example.net; é=1' }, InvalidRecordValue, 'value'],
      [{ ...ok, value: 'x'.repeat(256) }, InvalidRecordValue, 'value'],
    ]);
  });

  test('success: owner names are relative, lower-case A-labels; "@" and "" are the apex; a trailing dot means absolute', () => {
    const cases: [string, string][] = [
      ['@', '@'], ['', '@'], ['example.com.', '@'], ['WWW', 'www'], ['www.example.com.', 'www'], ['a.b.c', 'a.b.c'],
      ['*', '*'], ['*.dev', '*.dev'], ['café', 'xn--caf-dma'], ['123', '123'], ['www.example.com', 'www.example.com'],
    ];
    for (const [name, expected] of cases) assert.equal(validate({ type: 'A', name, value: '192.0.2.1' }).name, expected, name);
    assert.equal(validate({ type: 'TXT', name: '_acme-challenge.WWW', value: 'token' }).name, '_acme-challenge.www');
    const longest = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(49)}`;
    assert.equal(longest.length + 1 + APEX.length, 253);
    assert.equal(validate({ type: 'A', name: longest, value: '192.0.2.1' }).name, longest);
  });

  test('failure: owner names that are not LDH, misplaced wildcards, underscores on host records, outside the zone, too long', () => {
    const a = (name: unknown): Invalid => [{ type: 'A', name: name as string, value: '192.0.2.1' }, InvalidRecordName, 'name'];
    assertInvalid([
      a('www.other.com.'), a('example.com.evil.'), a('a..b'), a('.www'), a('-www'), a('www-'), a('w w'), a('www/1'),
      a('a.*'), a('*a'), a('_http'), a(`${'x'.repeat(64)}`), a(`${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(50)}`),
      a(undefined), a(7),
      [{ type: 'TXT', name: '_-bad', value: 'x' }, InvalidRecordName, 'name'],
      [{ type: 'MX', name: '_x', value: 'mx.example.net', priority: 1 }, InvalidRecordName, 'name'],
      [{ type: 'CAA', name: '_x', value: ';', tag: 'issue' }, InvalidRecordName, 'name'],
    ]);
  });

  test('success: TTL defaults to the zone default, or 3600', () => {
    assert.equal(validate({ type: 'A', name: '@', value: '192.0.2.1' }).ttl, DNS_DEFAULT_TTL);
    assert.equal(validate({ type: 'A', name: '@', value: '192.0.2.1' }, 600).ttl, 600);
    assert.equal(validate({ type: 'A', name: '@', value: '192.0.2.1', ttl: DNS_MIN_TTL }).ttl, 60);
    assert.equal(validate({ type: 'A', name: '@', value: '192.0.2.1', ttl: DNS_MAX_TTL }).ttl, 86400);
  });

  test('failure: TTL outside 60..86400 or not a whole number', () => {
    assertInvalid([59, 86401, 0, -60, 300.5, '300'].map((ttl) => [{ type: 'A', name: '@', value: '192.0.2.1', ttl: ttl as number }, InvalidRecordTtl, 'ttl']));
  });

  test('failure: unknown types, including Dynadot pseudo-types, and a missing record', () => {
    assertInvalid(['forward', 'stealth', 'email', 'PTR', 'SOA', '', undefined].map((type) => [{ type: type as string, name: '@', value: 'x' }, InvalidRecordType, 'type']));
    assert.throws(() => validateDnsRecord(null as unknown as DnsRecordInput, { apex: APEX }), InvalidValue);
  });

  test('success: parameter names carry the batch position', () => {
    assert.throws(
      () => validateDnsRecord({ type: 'A', name: '@', value: 'x' }, { apex: APEX, param: 'records[3]' }),
      (e: unknown) => e instanceof InvalidRecordValue && e.param === 'records[3].value',
    );
  });
});

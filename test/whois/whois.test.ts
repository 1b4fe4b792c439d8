/**
 * The WHOIS server over real TCP, with Debian's whois client: whole answers
 * (dates and ids normalized) for a registered domain with contacts by role,
 * privacy set through Dynadot set_privacy (full, partial) and Freenom's ID
 * shield seen on the very next query, no match, IDN queries, refusals of bad
 * input (binary, too long, empty, slow clients), the per address limits, the
 * lookup counts (get_whois_stats) and the counters on /metrics.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { modifyDomain, registerDomain } from '../../src/core/flows/domains/index.ts';
import { getWhoisStats } from '../../src/core/flows/whois/index.ts';
import { BACKENDS } from '../support/backends.ts';
import { newContact } from '../support/contacts.ts';
import { newAccount } from '../support/fixtures.ts';
import { startTestServer, type TestServer } from '../server/support.ts';
import { dynadotAccount } from '../dialects/dynadot/support.ts';
import { call, creds } from '../dialects/freenom/support.ts';
import { WapiClient, newWapiAccount } from '../dialects/wedos/support.ts';
import { JACK as JACK_INPUT } from '../support/contacts.ts';
import { accountActor } from '../../src/core/context.ts';
import { createContact } from '../../src/core/flows/contacts/index.ts';
import { idleConnection, normalize, rawQuery, trickle, whoisClient } from './support.ts';

const TERMS = 'TERMS OF USE: The data in regd\'s registration data service is provided for information purposes only, to assist persons in obtaining information about or related to a domain name registration record. regd does not guarantee its accuracy. By submitting a query, you agree to use this data only for lawful purposes and that under no circumstances will you use it to (1) allow, enable, or otherwise support the transmission of mass unsolicited, commercial advertising or solicitations via e-mail, telephone, or facsimile; or (2) enable high volume, automated, electronic processes that send queries or data to the systems of regd. regd reserves the right to restrict access to this service and to modify these terms at any time.';
const REDACTED_EMAIL = 'Please query the RDDS service of the Registrar of Record identified in this output for information on how to contact the Registrant, Admin, or Tech contact of the queried domain name.';
const R = 'REDACTED FOR PRIVACY';

function contact(label: string, c: Record<string, string>): string[] {
  return [
    `Registry ${label} ID: ${c.id}`, `${label} Name: ${c.name}`, `${label} Organization: ${c.org}`, `${label} Street: ${c.street}`,
    `${label} City: ${c.city}`, `${label} State/Province: ${c.state}`, `${label} Postal Code: ${c.postcode}`, `${label} Country: ${c.country}`,
    `${label} Phone: ${c.phone}`, `${label} Phone Ext: ${c.phoneExt ?? ''}`, `${label} Fax: ${c.fax}`, `${label} Fax Ext: ${c.faxExt ?? ''}`,
    `${label} Email: ${c.email}`,
  ];
}

const JACK = { id: 'REGD-C#', name: 'Jack Slater', org: '', street: '1 Free Way', city: 'Los Angeles', state: 'CA', postcode: '90068', country: 'US', phone: '+1.5555555233', fax: '', email: 'jack@example.com' };
const ACME = { id: 'REGD-C#', name: 'Ann Tech', org: 'Acme s.r.o.', street: 'Main 1', city: 'Praha', state: '', postcode: '11000', country: 'CZ', phone: '+420.123456789', fax: '', email: 'tech@acme.example' };
const JACK_PARTIAL = { ...JACK, street: R, postcode: R, phone: R, phoneExt: R, fax: R, faxExt: R, email: REDACTED_EMAIL };
const JACK_FULL = { ...JACK_PARTIAL, id: R, name: R, org: R, city: R };
const ACME_FULL = { ...ACME, id: R, name: R, org: R, street: R, city: R, postcode: R, phone: R, phoneExt: R, fax: R, faxExt: R, email: REDACTED_EMAIL };

function answer(name: string, statuses: readonly string[], contacts: readonly string[], notice?: string): string {
  return [
    `Domain Name: ${name}`, 'Registry Domain ID: N_DOMAIN_COM-REGD', 'Registrar WHOIS Server: whois.regd.test', 'Registrar URL: https://regd.test',
    'Updated Date: <date>', 'Creation Date: <date>', 'Registry Expiry Date: <date>', 'Registrar: regd', 'Registrar IANA ID: 9999',
    'Registrar Abuse Contact Email: abuse@regd.test', 'Registrar Abuse Contact Phone: +1.5555550100',
    ...statuses.map((s) => `Domain Status: ${s} https://icann.org/epp#${s}`),
    ...contacts,
    'Name Server: ns1.regd.test', 'Name Server: ns2.regd.test', 'DNSSEC: unsigned',
    'URL of the ICANN Whois Inaccuracy Complaint Form: https://icann.org/wicf/',
    '>>> Last update of WHOIS database: <date> <<<', '', 'For more information on domain status codes, please visit https://icann.org/epp', '',
    ...(notice ? [notice, ''] : []), TERMS, '',
  ].join('\r\n');
}

/** Debian's whois prints the answer as received; line ends may come back as CRLF or LF. */
const crlf = (s: string) => s.replace(/\r?\n/g, '\r\n');

for (const backend of BACKENDS) {
  describe(`${backend}: WHOIS over TCP`, { timeout: 120_000 }, () => {
    let t: TestServer;
    let port: number;
    before(async () => {
      t = await startTestServer(backend, {
        argv: ['--whois-port', '0', '--whois-queries-per-minute', '1000', '--whois-connections', '3', '--whois-idle-timeout', '1s'],
        start: { startWhois: true },
      });
      port = t.server.whoisPort!;
    });
    after(async () => t?.close());

    test('a registered domain: the whole answer, contacts by role; privacy through Dynadot set_privacy shows on the next query', async () => {
      const engine = t.services.engine;
      const a = await dynadotAccount(engine, t.url);
      const jack = await newContact(engine, a);
      const ann = await newContact(engine, a, { name: 'Ann Tech', organization: 'Acme s.r.o.', address1: 'Main 1', city: 'Praha', state: '', postcode: '11000', country: 'CZ', phone: '+420.123456789', email: 'tech@acme.example' });
      await engine.run(registerDomain, { name: 'whois-open.com', contacts: { registrant: jack.id, admin: jack.id, tech: ann.id, billing: jack.id } }, { actor: a.actor });
      const open = answer('whois-open.com', ['addPeriod'], [...contact('Registrant', JACK), ...contact('Admin', JACK), ...contact('Tech', ACME), ...contact('Billing', JACK)]);
      assert.equal(normalize(crlf(await whoisClient(port, 'whois-open.com'))), open);
      // Any case, a trailing dot, Verisign's `domain` keyword.
      assert.equal(normalize(crlf(await whoisClient(port, 'WHOIS-Open.COM.'))), open);
      assert.equal(normalize(await rawQuery(port, ['domain whois-open.com\r\n'])), open);

      assert.equal((await a.c.obj('set_privacy', { domain: 'whois-open.com', option: 'full' })).SetPrivacyResponse !== undefined, true);
      const full = 'The registrant of this domain chose full privacy: contact data shown as "REDACTED FOR PRIVACY" is withheld as ICANN\'s Registration Data Policy provides (only the state/province and country of each contact are published).';
      assert.equal(normalize(crlf(await whoisClient(port, 'whois-open.com'))),
        answer('whois-open.com', ['addPeriod'], [...contact('Registrant', JACK_FULL), ...contact('Admin', JACK_FULL), ...contact('Tech', ACME_FULL), ...contact('Billing', JACK_FULL)], full));
      await a.c.obj('set_privacy', { domain: 'whois-open.com', option: 'partial' });
      const partial = 'The registrant of this domain chose partial privacy: contact data shown as "REDACTED FOR PRIVACY" is withheld as ICANN\'s Registration Data Policy provides (street, postal code, phone, fax and e-mail are withheld; name, organization, city, state/province and country are published).';
      const got = normalize(crlf(await whoisClient(port, 'whois-open.com')));
      assert.match(got, /^Registrant Name: Jack Slater\r$/m);
      assert.match(got, /^Tech Organization: Acme s\.r\.o\.\r$/m);
      assert.equal(got, answer('whois-open.com', ['addPeriod'], [
        ...contact('Registrant', JACK_PARTIAL), ...contact('Admin', JACK_PARTIAL),
        ...contact('Tech', { ...ACME, street: R, postcode: R, phone: R, phoneExt: R, fax: R, faxExt: R, email: REDACTED_EMAIL }), ...contact('Billing', JACK_PARTIAL),
      ], partial));
      await a.c.obj('set_privacy', { domain: 'whois-open.com', option: 'off' });
      assert.equal(normalize(crlf(await whoisClient(port, 'whois-open.com'))), open);

      // Each answer about the domain was counted (Dynadot get_whois_stats reads them).
      const stats = await engine.run(getWhoisStats, { name: 'whois-open.com' }, { actor: a.actor });
      assert.equal(stats.total, 6);
    });

    test('Freenom ID shield: enabled redacts, disabled shows, at once', async () => {
      const engine = t.services.engine;
      const a = await newAccount(engine, { depositEur: '100.00' });
      const jack = await newContact(engine, a);
      await engine.run(registerDomain, { name: 'whois-shield.tk', contacts: { registrant: jack.id, admin: jack.id, tech: jack.id, billing: jack.id } }, { actor: a.actor });
      assert.match(await whoisClient(port, 'whois-shield.tk'), /^Registrant Name: Jack Slater\r?$/m);
      const modify = (idshield: string) => call(`${t.url}/v2`, '/domain/modify', { ...creds(a), domainname: 'whois-shield.tk', idshield }, { method: 'PUT' });
      assert.equal((await modify('enabled')).status, 200);
      const shielded = await whoisClient(port, 'whois-shield.tk');
      assert.match(shielded, /^Registrant Name: REDACTED FOR PRIVACY\r?$/m);
      assert.match(shielded, /^Registrant State\/Province: CA\r?$/m);
      assert.match(shielded, /^Registrant Country: US\r?$/m);
      assert.doesNotMatch(shielded, /jack@example\.com|Slater|1 Free Way/);
      await modify('disabled');
      assert.match(await whoisClient(port, 'whois-shield.tk'), /^Registrant Email: jack@example\.com\r?$/m);
    });

    test('WEDOS shows the same setting: HIDDEN in domain-info where WHOIS says REDACTED FOR PRIVACY, at once after a change', async () => {
      const engine = t.services.engine;
      const w = await newWapiAccount(engine, { depositCzk: '10000.00' });
      const wapi = new WapiClient(t.url, w.email, w.wapiPassword);
      const actor = accountActor(w.accountId);
      const jack = await engine.run(createContact, { ...JACK_INPUT }, { actor });
      await engine.run(registerDomain, { name: 'whois-wedos.com', privacy: 'partial', contacts: { registrant: jack.id } }, { actor });
      const own = async () => {
        const reply = await wapi.call('domain-info', { name: 'whois-wedos.com' });
        const d = (reply.body as { data?: { domain?: Record<string, string> } }).data?.domain;
        assert.ok(d, JSON.stringify(reply.body).slice(0, 400));
        return [d.own_fname, d.own_email, d.own_addr_city, d.own_addr_country];
      };
      assert.deepEqual(await own(), ['Jack', 'HIDDEN', 'Los Angeles', 'US']);
      let whois = await whoisClient(port, 'whois-wedos.com');
      assert.match(whois, /^Registrant Name: Jack Slater\r?$/m);
      assert.match(whois, /^Registrant City: Los Angeles\r?$/m);
      assert.match(whois, /^Registrant Email: Please query the RDDS service/m);
      await engine.run(modifyDomain, { name: 'whois-wedos.com', privacy: 'full' }, { actor });
      assert.deepEqual(await own(), ['HIDDEN', 'HIDDEN', 'HIDDEN', 'US']);
      whois = await whoisClient(port, 'whois-wedos.com');
      assert.match(whois, /^Registrant Name: REDACTED FOR PRIVACY\r?$/m);
      assert.match(whois, /^Registrant City: REDACTED FOR PRIVACY\r?$/m);
      assert.match(whois, /^Registrant Country: US\r?$/m);
    });

    test('no match, IDN (U-label answered as A-label), a TLD regd does not operate, invalid names', async () => {
      const engine = t.services.engine;
      const a = await newAccount(engine, { depositEur: '100.00' });
      await engine.run(registerDomain, { name: 'bücher-whois.de' }, { actor: a.actor });
      const free = normalize(await rawQuery(port, ['nothing-here-whois.com\r\n']));
      assert.equal(free, `No match for "NOTHING-HERE-WHOIS.COM".\r\n>>> Last update of WHOIS database: <date> <<<\r\n\r\n${TERMS}\r\n`);
      const idn = await rawQuery(port, ['bücher-whois.de\r\n']);
      assert.match(idn, /^Domain Name: xn--bcher-whois-thb\.de\r$/m);
      assert.equal(normalize(await rawQuery(port, ['xn--bcher-whois-thb.de\r\n'])), normalize(idn));
      assert.match(await whoisClient(port, 'bücher-whois.de'), /^Domain Name: xn--bcher-whois-thb\.de\r?$/m);
      assert.equal(normalize(await rawQuery(port, ['example.invalidtld\r\n'])),
        `No match for "EXAMPLE.INVALIDTLD".\r\n% regd does not operate .invalidtld.\r\n>>> Last update of WHOIS database: <date> <<<\r\n\r\n${TERMS}\r\n`);
      assert.equal(await rawQuery(port, ['-bad-.com\r\n']), '% Invalid query "-bad-.com": label "-bad-" starts or ends with a hyphen.\r\n');
      assert.equal(await rawQuery(port, ['two words\r\n']), '% Invalid query "two words": one domain name is expected.\r\n');
    });

    test('bad input never crashes: empty line, binary, control characters, too long, no line end, slow and silent clients', async () => {
      assert.equal(await rawQuery(port, ['\r\n']), '% Empty query: send a domain name, e.g. "example.com".\r\n');
      assert.equal(await rawQuery(port, [Buffer.from([0xff, 0xfe, 0x00, 0x80, 0x0d, 0x0a])]), '% Invalid query: not UTF-8 text.\r\n');
      assert.equal(await rawQuery(port, ['exa\u0007mple.com\r\n']), '% Invalid query: control characters are not allowed.\r\n');
      const tooLong = '% Query too long: at most 255 bytes before the end of the line.\r\n';
      assert.equal(await rawQuery(port, ['a'.repeat(256) + '.com\r\n']), tooLong);
      assert.equal(await rawQuery(port, ['x'.repeat(100_000)]), tooLong);
      // 255 bytes exactly is a query (an invalid name, but answered as one).
      assert.match(await rawQuery(port, [`${'a'.repeat(251)}.com\r\n`]), /^% Invalid query "a{80}…": /);
      // A query in pieces, one byte at a time, and a query without CRLF before the client closes its side.
      assert.match(await rawQuery(port, [...'nothing-here-whois.com\r\n'].map((c) => Buffer.from(c))), /^No match for "NOTHING-HERE-WHOIS.COM"\./);
      assert.match(await rawQuery(port, ['nothing-here-whois.com'], { endAfter: true }), /^No match for "NOTHING-HERE-WHOIS.COM"\./);
      // A client that sends part of a line and stops is cut at the idle timeout, with no answer; so is one that sends nothing.
      assert.equal(await rawQuery(port, ['nothing-here']), '');
      assert.equal(await rawQuery(port, []), '');
      // A slow loris, one byte every 100 ms for ever, is cut at the deadline of the whole line, with no answer.
      assert.equal(await trickle(port, 100), '');
      // Still answering.
      assert.match(await whoisClient(port, 'nothing-here-whois.com'), /No match for "NOTHING-HERE-WHOIS.COM"/);
    });

    test('fuzz: 300 random byte strings (seeded), with and without line ends; every one answered or closed, the server still answers', async () => {
      let seed = 20;
      const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
      // Three at a time (the per address connection limit); a string without a line end is followed by a close (the idle cut is tested above).
      for (let round = 0; round < 100; round++) {
        await Promise.all(Array.from({ length: 3 }, () => {
          const bytes = Buffer.from(Array.from({ length: Math.floor(random() * 400) }, () => Math.floor(random() * 256)));
          const withEnd = random() < 0.5;
          return rawQuery(port, [withEnd ? Buffer.concat([bytes, Buffer.from('\r\n')]) : bytes], { endAfter: !withEnd || random() < 0.5 }).then((answer) => {
            // An answer is WHOIS text: a refusal line, no match, or a record; never a stack trace.
            assert.match(answer, /^(|% [^\r\n]*\r\n|No match for [\s\S]*|Domain Name: [\s\S]*)$/);
          });
        }));
      }
      assert.match(await whoisClient(port, 'nothing-here-whois.com'), /No match for "NOTHING-HERE-WHOIS.COM"/);
    });

    test('connections per address: the fourth open connection is refused; counters on /metrics', async () => {
      const held = await Promise.all([idleConnection(port), idleConnection(port), idleConnection(port)]);
      const refused = await idleConnection(port);
      await refused.closed;
      assert.equal(refused.received(), '% Too many connections from your address; try again later.\r\n');
      for (const h of held) h.close();
      await Promise.all(held.map((h) => h.closed));
      const text = await (await fetch(`${t.url}/metrics`)).text();
      const value = (re: RegExp) => Number(re.exec(text)?.[1] ?? NaN);
      assert.ok(value(/^regd_whois_queries_total\{outcome="found"\} (\d+)$/m) >= 1);
      assert.ok(value(/^regd_whois_queries_total\{outcome="not_found"\} (\d+)$/m) >= 1);
      assert.ok(value(/^regd_whois_queries_total\{outcome="invalid"\} (\d+)$/m) >= 1);
      assert.ok(value(/^regd_whois_queries_total\{outcome="too_long"\} (\d+)$/m) >= 2);
      assert.ok(value(/^regd_whois_queries_total\{outcome="timeout"\} (\d+)$/m) >= 1);
      assert.ok(value(/^regd_whois_connections_refused_total (\d+)$/m) >= 1);
    });
  });
}

describe('WHOIS query rate per address', { timeout: 60_000 }, () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer(BACKENDS[0] ?? 'pglite', { argv: ['--whois-port', '0', '--whois-queries-per-minute', '3'], start: { startWhois: true } });
  });
  after(async () => t?.close());

  test('the fourth query in a minute is refused with a notice; counted as rate_limited', async () => {
    const port = t.server.whoisPort!;
    // A minute boundary may fall between the queries: the refusal comes on the fourth, at the latest on the seventh.
    const answers: string[] = [];
    for (let i = 0; i < 7 && !answers.at(-1)?.startsWith('%'); i++) answers.push(await rawQuery(port, ['nothing-here-rate.com\r\n']));
    assert.equal(answers.at(-1), '% Query rate limit exceeded: at most 3 queries per minute from one address. Try again later.\r\n');
    assert.ok(answers.length >= 4);
    for (const a of answers.slice(0, -1)) assert.match(a, /^No match for/);
    const text = await (await fetch(`${t.url}/metrics`)).text();
    assert.match(text, /^regd_whois_queries_total\{outcome="rate_limited"\} [1-9]\d*$/m);
  });

  test('turned off: no WHOIS port', async () => {
    const off = await startTestServer(BACKENDS[0] ?? 'pglite', { argv: ['--whois-port', '0'], start: { startWhois: false } });
    try {
      assert.equal(off.server.whoisPort, undefined);
    } finally {
      await off.close();
    }
  });
});

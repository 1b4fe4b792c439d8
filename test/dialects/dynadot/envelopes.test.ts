/**
 * The §4.4 envelope table (envelopes.ts) against the wire: every row whose
 * command is served is sent with no parameters (by a reseller account, so
 * that reseller-only commands reach their parameters) over HTTP, in XML and
 * JSON, and its answer (an error envelope, or success for the commands that
 * take no parameters) must have the row's root, header, XML declaration,
 * XML code element and JSON code type. Every served command has a row; the
 * rows not served yet are listed (README "Commands").
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS } from '../../support/backends.ts';
import { startTestServer, type TestServer } from '../../server/support.ts';
import { COMMANDS } from '../../../src/dialects/dynadot/commands/index.ts';
import { ENVELOPES, VARIANTS } from '../../../src/dialects/dynadot/envelopes.ts';
import { dynadotAccount, type Client } from './support.ts';

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

/** The first `n` element names of an XML body, in document order. */
function elementNames(xml: string, n: number): string[] {
  return [...xml.matchAll(/<([A-Za-z][\w.-]*)[\s/>]/g)].slice(0, n).map((m) => m[1]!);
}

describe('Dynadot envelope table', () => {
  test('every served command has a row (and the row is the command\'s envelope)', () => {
    for (const c of COMMANDS) {
      assert.ok(Object.prototype.hasOwnProperty.call(ENVELOPES, c.name), `no envelope row for ${c.name}`);
      assert.equal(c.envelope, ENVELOPES[c.name], c.name);
    }
    assert.equal(new Set(COMMANDS.map((c) => c.name)).size, COMMANDS.length, 'a command is registered twice');
  });

  test('rows not served yet (listed for the README\'s status table)', (t) => {
    const served = new Set(COMMANDS.map((c) => c.name));
    const waiting = Object.keys(ENVELOPES).filter((name) => !served.has(name)).sort();
    t.diagnostic(`rows without a command yet (${waiting.length}): ${waiting.join(', ') || 'none'}`);
    assert.ok(waiting.every((name) => !served.has(name)));
  });
});

for (const backend of BACKENDS) {
  describe(`${backend}: Dynadot envelopes over HTTP`, { timeout: 180_000 }, () => {
    let t: TestServer;
    let c: Client;

    before(async () => {
      t = await startTestServer(backend);
      c = (await dynadotAccount(t.services.engine, t.url, { level: 'reseller' })).c;
    });
    after(() => t.close());

    test('each served command, sent without parameters, answers in its row\'s envelope (XML and JSON)', async () => {
      const problems: string[] = [];
      for (const command of COMMANDS) {
        const row = command.envelope;
        const rule = VARIANTS[row.variant];
        const xml = await c.xml(command.name);
        const json = await c.json(command.name);
        const where = `${command.name} (${row.variant})`;
        if (xml.status !== 200 || json.status !== 200) {
          problems.push(`${where}: HTTP ${xml.status}/${json.status}`);
          continue;
        }
        if (xml.text.startsWith(DECLARATION) !== rule.declaration) problems.push(`${where}: XML declaration ${rule.declaration ? 'missing' : 'unexpected'}`);
        const [root, header, code] = elementNames(xml.text.replace(DECLARATION, ''), 3);
        if (root !== row.root || header !== row.header || code !== rule.xmlCode) {
          problems.push(`${where}: XML <${root}><${header}><${code}>, row <${row.root}><${row.header}><${rule.xmlCode}>`);
        }
        const body = JSON.parse(json.text) as Record<string, Record<string, unknown>>;
        if (row.jsonBare === true) {
          // The auction family: no root object and no code, a lower-case status first (§4.3).
          if (Object.keys(body)[0] !== 'status' || 'ResponseCode' in body) problems.push(`${where}: envelope-less JSON expected, got ${json.text.slice(0, 100)}`);
          continue;
        }
        const keys = Object.keys(body);
        if (keys.length !== 1 || keys[0] !== row.root) {
          problems.push(`${where}: JSON root ${keys.join(',')}, row ${row.root}`);
          continue;
        }
        const inner = body[row.root]!;
        const codeKey = row.jsonCodeKey ?? 'ResponseCode';
        if (Object.keys(inner)[0] !== codeKey) problems.push(`${where}: JSON first key ${Object.keys(inner)[0]}, row ${codeKey}`);
        if (typeof inner[codeKey] !== rule.jsonCode) problems.push(`${where}: JSON ${codeKey} is a ${typeof inner[codeKey]}, row ${rule.jsonCode}`);
        const xmlCode = new RegExp(`<${rule.xmlCode}>(-?\\d+)</${rule.xmlCode}>`).exec(xml.text)?.[1];
        if (xmlCode !== String(inner[codeKey])) problems.push(`${where}: XML code ${xmlCode}, JSON code ${String(inner[codeKey])}`);
      }
      assert.deepEqual(problems, []);
    });

    test('a command that takes parameters answers -1 with an Error in its own envelope when sent none', async () => {
      const noParams = new Set(['is_processing', 'account_info', 'get_account_balance', 'server_list', 'list_domain', 'tld_price']);
      // Every parameter optional: parking with ads by default; the folder list.
      noParams.add('set_default_parking').add('folder_list');
      // Contacts, pushes: lists without parameters.
      noParams.add('contact_list').add('get_domain_push_request');
      // The marketplace and the closeouts: lists with optional filters.
      noParams.add('get_listings').add('get_expired_closeout_domains');
      // The auctions the account bid in; the open backorder auctions (currency optional).
      noParams.add('get_auction_bids').add('get_open_backorder_auctions');
      const problems: string[] = [];
      for (const command of COMMANDS.filter((x) => !noParams.has(x.name))) {
        const body = JSON.parse((await c.json(command.name)).text) as Record<string, Record<string, unknown>>;
        if (command.envelope.jsonBare === true) {
          const bare = body as unknown as Record<string, unknown>;
          if (bare.status !== 'error' || typeof bare.error !== 'string' || bare.error === '') problems.push(`${command.name}: ${JSON.stringify(body)}`);
          continue;
        }
        const inner = body[command.envelope.root];
        if (inner === undefined || String(inner[command.envelope.jsonCodeKey ?? 'ResponseCode']) !== '-1' || typeof inner.Error !== 'string' || inner.Error === '') {
          problems.push(`${command.name}: ${JSON.stringify(body)}`);
        }
      }
      assert.deepEqual(problems, []);
    });
  });
}

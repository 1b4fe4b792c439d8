/**
 * Dynadot contact commands over real HTTP (spec §9, §15.5): create_contact,
 * edit_contact, delete_contact, contact_list, get_contact,
 * set_contact_eu_setting, set_contact_lv_setting, create_cn_audit and
 * get_cn_audit_status. Whole bodies against the seed's examples in XML and
 * JSON (ids, names and addresses adapted); every refusal in the command's
 * own envelope and changing nothing; a contact made here is the one core
 * and the other dialects see; the CN audit moves on the engine clock.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { getContact, registerDomain, setDomainContacts, type Engine } from '../../../src/core/index.ts';
import { BACKENDS } from '../../support/backends.ts';
import { newContact } from '../../support/contacts.ts';
import type { TestAccount } from '../../support/fixtures.ts';
import { snapshotTables } from '../../support/snapshot.ts';
import { ops, startTestServer, type TestServer } from '../../server/support.ts';
import { assertBody, dynadotAccount, fixture, type Client, type ParamMap, type Reply } from './support.ts';

const xmlText = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const jsonText = (s: string): string => JSON.stringify(s).slice(1, -1);

/** The seed's create_contact request (the state adapted to an ISO 3166-2 code, the address to a real one). */
const WEBB: ParamMap = {
  name: 'Webb', email: 'webb@example.com', phonenum: '8662623399', phonecc: '1', address1: 'PO Box 345', city: 'San Mateo', state: 'CA', zip: '94401', country: 'US',
};

for (const backend of BACKENDS) {
  describe(`${backend}: Dynadot contact commands`, { timeout: 120_000 }, () => {
    let t: TestServer;
    let engine: Engine;
    let a: TestAccount & { c: Client };
    let b: TestAccount & { c: Client };

    /** The example's error envelope of a command (legacy: SuccessCode; others: their generation). */
    function error(command: string, root: string, text: string, generation: 'legacy' | 'new' | 'mixedB' = 'legacy'): { xml: string; json: string } {
      if (generation === 'legacy') {
        return { xml: fixture('legacy-error.xml', { ROOT: root, ERROR: xmlText(text) }), json: fixture('legacy-error.json', { ROOT: root, ERROR: jsonText(text) }) };
      }
      const code = generation === 'new' ? 'ResponseCode' : 'SuccessCode';
      const jsonCode = generation === 'new' ? '-1' : '"-1"';
      return {
        xml: fixture('new-error.xml', { ROOT: root, CODE: code, ERROR: xmlText(text) }),
        json: `{"${root}Response":{"ResponseCode":${jsonCode},"Status":"error","Error":"${jsonText(text)}"}}`,
      };
    }

    async function refused(command: string, params: ParamMap, want: { xml: string; json: string }, who: Client = a.c): Promise<void> {
      const before = await snapshotTables(t.services.store.db);
      assertBody(await who.xml(command, params), want.xml);
      assertBody(await who.json(command, params), want.json);
      assert.deepStrictEqual(await snapshotTables(t.services.store.db), before, `${command} changed stored data`);
    }

    const idOf = (r: Reply): number => Number(/<ContactId>(\d+)<\/ContactId>|"ContactId":"(\d+)"/.exec(r.text)!.slice(1).find((x) => x !== undefined));

    before(async () => {
      t = await startTestServer(backend);
      engine = t.services.engine;
      a = await dynadotAccount(engine, t.url);
      b = await dynadotAccount(engine, t.url);
    });
    after(() => t.close());

    test('contact_list of an account without contacts; create_contact (the example) in XML and JSON; core sees the contact', async () => {
      assertBody(await a.c.xml('contact_list'), fixture('contact_list-empty.xml'));
      assertBody(await a.c.json('contact_list'), fixture('contact_list-empty.json'));
      const x = await a.c.xml('create_contact', WEBB);
      const xid = idOf(x);
      assertBody(x, fixture('create_contact.xml', { ID: xid }));
      const j = await a.c.json('create_contact', { ...WEBB, name: 'Jack Slater', faxcc: '1', faxnum: '555.555.5234', organization: 'Slater Inc' });
      const jid = idOf(j);
      assertBody(j, fixture('create_contact.json', { ID: jid }));
      const webb = await engine.run(getContact, { contactId: xid }, { actor: a.actor });
      assert.deepEqual([webb.firstName, webb.lastName, webb.phone, webb.state, webb.postcode], ['Webb', '', '+1.8662623399', 'CA', '94401']);
      const jack = await engine.run(getContact, { contactId: jid }, { actor: a.actor });
      assert.deepEqual([jack.firstName, jack.lastName, jack.fax, jack.organization], ['Jack', 'Slater', '+1.5555555234', 'Slater Inc']);
    });

    test('create_contact / edit_contact refusals: missing and invalid fields, in the wire names', async () => {
      for (const p of ['name', 'email', 'phonenum', 'phonecc', 'address1', 'city', 'zip', 'country']) {
        const { [p]: _, ...rest } = WEBB;
        await refused('create_contact', rest, error('create_contact', 'CreateContact', `missing ${p} param`));
      }
      await refused('create_contact', { ...WEBB, phonenum: '12' }, error('create_contact', 'CreateContact', 'invalid phonenum: "12"'));
      await refused('create_contact', { ...WEBB, faxnum: '5555555' }, error('create_contact', 'CreateContact', 'missing faxcc param'));
      await refused('create_contact', { ...WEBB, zip: '94401!' }, error('create_contact', 'CreateContact', 'invalid zip: letters, digits, spaces and hyphens only'));
      await refused('create_contact', { ...WEBB, email: 'webb' }, error('create_contact', 'CreateContact', 'invalid email: a valid e-mail address is required'));
      await refused('create_contact', { ...WEBB, country: 'USA' }, error('create_contact', 'CreateContact', 'invalid country: a two-letter ISO 3166-1 country code is required'));
      await refused('edit_contact', WEBB, error('edit_contact', 'EditContact', 'missing contact_id param', 'mixedB'));
      const theirs = await newContact(engine, b);
      await refused('edit_contact', { ...WEBB, contact_id: theirs.id }, error('edit_contact', 'EditContact', `could not find contact ${theirs.id} in your account`, 'mixedB'));
    });

    test('edit_contact (the example) replaces every field; get_contact in XML and JSON', async () => {
      const c = await newContact(engine, a, { name: 'Old Name', address2: 'Suite 9' });
      const params = {
        contact_id: c.id, organization: 'org', name: 'name surname', email: 'name@example.com', phonecc: '1', phonenum: '555.555.5233',
        address1: 'address1', address2: 'address2', city: 'city', state: 'CA', zip: '90068', country: 'US',
      };
      assertBody(await a.c.xml('edit_contact', params), fixture('edit_contact.xml', { ID: c.id }));
      assertBody(await a.c.json('edit_contact', { ...params }), fixture('edit_contact.json', { ID: c.id }));
      assertBody(await a.c.csv('edit_contact', params), `ok,success,${c.id}\n`);
      assertBody(await a.c.xml('get_contact', { contact_id: c.id }), fixture('get_contact.xml', { ID: c.id }));
      assertBody(await a.c.json('get_contact', { contact_id: c.id }), fixture('get_contact.json', { ID: c.id }));
      // Fields not sent are cleared (a complete replacement).
      assertBody(await a.c.json('edit_contact', { ...params, address2: '', organization: '' }), fixture('edit_contact.json', { ID: c.id }));
      const after = await engine.run(getContact, { contactId: c.id }, { actor: a.actor });
      assert.deepEqual([after.address2, after.organization], ['', '']);
      await refused('get_contact', { contact_id: 'abc' }, error('get_contact', 'GetContact', 'invalid contact_id: "abc"', 'new'));
      await refused('get_contact', {}, error('get_contact', 'GetContact', 'missing contact_id param', 'new'));
      const theirs = await newContact(engine, b);
      await refused('get_contact', { contact_id: theirs.id }, error('get_contact', 'GetContact', `could not find contact ${theirs.id} in your account`, 'new'));
      assert.match((await a.c.csv('get_contact', { contact_id: c.id })).text, /only available in XML and JSON/);
    });

    test('contact_list (the example: two contacts) in XML and JSON', async () => {
      const fresh = await dynadotAccount(engine, t.url);
      const jack = await newContact(engine, fresh);
      const john = await newContact(engine, fresh, {
        name: 'John tester', email: 'john@example.com', phone: '+1.1234567890', fax: '+1.1234567890', address1: 'high Way first', city: 'San Francisco',
      });
      assertBody(await fresh.c.xml('contact_list'), fixture('contact_list.xml', { ID0: jack.id, ID1: john.id }));
      assertBody(await fresh.c.json('contact_list'), fixture('contact_list.json', { ID0: jack.id, ID1: john.id }));
    });

    test('delete_contact: a comma list, all or nothing; a contact in use is refused with the example\'s text', async () => {
      const jack = await newContact(engine, a);
      const spare1 = await newContact(engine, a, { name: 'Spare One' });
      const spare2 = await newContact(engine, a, { name: 'Spare Two' });
      await engine.run(registerDomain, { name: 'contact-in-use.com' }, { actor: a.actor });
      await engine.run(setDomainContacts, { name: 'contact-in-use.com', registrant: jack.id }, { actor: a.actor });
      await refused('delete_contact', { contact_id: `${spare1.id},${jack.id}` }, { xml: fixture('delete_contact.xml'), json: error('', 'DeleteContact', 'cannot delete these contacts (Jack Slater). Because they are in use.').json });
      await refused('delete_contact', { contact_id: `${spare1.id},x` }, error('', 'DeleteContact', 'invalid contact_id: "x"'));
      await refused('delete_contact', {}, error('', 'DeleteContact', 'missing contact_id param'));
      const theirs = await newContact(engine, b);
      await refused('delete_contact', { contact_id: `${spare1.id},${theirs.id}` }, error('', 'DeleteContact', `could not find contact ${theirs.id} in your account`));
      assertBody(await a.c.json('delete_contact', { contact_id: `${spare1.id},${spare2.id}` }), fixture('delete_contact.json'));
      await assert.rejects(engine.run(getContact, { contactId: spare1.id }, { actor: a.actor }));
      const spare3 = await newContact(engine, a, { name: 'Spare Three' });
      assertBody(await a.c.xml('delete_contact', { contact_id: spare3.id }),
        '<DeleteContactResponse>\n  <DeleteContactHeader>\n    <SuccessCode>0</SuccessCode>\n    <Status>success</Status>\n  </DeleteContactHeader>\n</DeleteContactResponse>\n');
    });

    test('set_contact_eu_setting (mixed C, the example\'s "ResponseCode: " keys) and set_contact_lv_setting (new, CSV too)', async () => {
      const c = await newContact(engine, a);
      assertBody(await a.c.xml('set_contact_eu_setting', { contact_id: c.id, country_of_citizenship: 'AT' }), fixture('set_contact_eu_setting.xml', { ID: c.id }));
      assertBody(await a.c.json('set_contact_eu_setting', { contact_id: c.id, country_of_citizenship: 'de' }), fixture('set_contact_eu_setting.json', { ID: c.id }));
      assert.equal((await engine.run(getContact, { contactId: c.id }, { actor: a.actor })).euCitizenship, 'DE');
      const before = await snapshotTables(t.services.store.db);
      assertBody(await a.c.json('set_contact_eu_setting', { contact_id: c.id, country_of_citizenship: 'US' }),
        fixture('set_contact_eu_setting-error.json', { ERROR: jsonText('invalid country_of_citizenship: one of AT, BE, BG, HR, CY, CZ, DK, EE, FI, FR, DE, GR, HU, IS, IE, IT, LV, LI, LT, LU, MT, NL, NO, PL, PT, RO, SK, SI, ES, SE is required') }));
      assertBody(await a.c.json('set_contact_eu_setting', { contact_id: c.id }), fixture('set_contact_eu_setting-error.json', { ERROR: 'missing country_of_citizenship param' }));
      assert.deepStrictEqual(await snapshotTables(t.services.store.db), before);

      const lv = { contact_id: c.id, registration_number: 'test_reg_number'.replace(/_/g, '-'), vat_number: 'LV40003000000' };
      assertBody(await a.c.xml('set_contact_lv_setting', lv), fixture('set_contact_lv_setting.xml', { ID: c.id }));
      assertBody(await a.c.json('set_contact_lv_setting', lv), fixture('set_contact_lv_setting.json', { ID: c.id }));
      assertBody(await a.c.csv('set_contact_lv_setting', { contact_id: c.id, registration_number: '010101-12345' }), fixture('set_contact_lv_setting.csv', { ID: c.id }));
      const stored = await engine.run(getContact, { contactId: c.id }, { actor: a.actor });
      assert.deepEqual([stored.lvRegistrationNumber, stored.lvVatNumber], ['010101-12345', null]);
      await refused('set_contact_lv_setting', { contact_id: c.id }, error('', 'SetContactLvSetting', 'missing registration_number param', 'new'));
      await refused('set_contact_lv_setting', { contact_id: c.id, registration_number: 'a_b' }, error('', 'SetContactLvSetting', 'invalid registration_number: letters, digits, spaces, dots, slashes and hyphens only', 'new'));
    });

    test('create_cn_audit and get_cn_audit_status: processing, waiting for CNNIC, then pass or failed on the engine clock', async () => {
      const good = await newContact(engine, a);
      const bad = await newContact(engine, a);
      const enterprise = {
        contact_type: 'Enterprise', individual_id_type: 'SFZ', individual_license_id: '110101199001011237', individual_url: 'https://docs.example.com/url1.png',
        enterprise_id_type: 'ORG', enterprise_license_id: 'testlicenseid2', enterprise_url: 'https://docs.example.com/url2.jpg',
      };
      await refused('get_cn_audit_status', { contact_id: good.id }, error('', 'GetCnAuditStatus', 'this contact has no cn audit, submit one with create_cn_audit first', 'mixedB'));
      assertBody(await a.c.xml('create_cn_audit', { contact_id: good.id, ...enterprise }), fixture('create_cn_audit.xml'));
      // The JSON example's license_id / url stand for the individual's.
      assertBody(await a.c.json('create_cn_audit', { contact_id: bad.id, contact_type: 'Individual', individual_id_type: 'SFZ', license_id: '110101199001011234', url: 'https://docs.example.com/id.jpeg' }),
        fixture('create_cn_audit.json'));
      await refused('create_cn_audit', { contact_id: good.id, ...enterprise }, error('', 'CreateCnAudit', 'the cn audit of this contact is in progress, it can not be submitted again'));
      const other = await newContact(engine, a);
      await refused('create_cn_audit', { contact_id: other.id, ...enterprise, contact_type: 'Individual' }, error('', 'CreateCnAudit', 'enterprise_id_type is only for contact_type Enterprise'));
      await refused('create_cn_audit', { contact_id: other.id, ...enterprise, enterprise_url: '' }, error('', 'CreateCnAudit', 'missing enterprise_url param'));
      await refused('create_cn_audit', { contact_id: other.id, ...enterprise, contact_type: 'Entreprise' }, error('', 'CreateCnAudit', 'invalid contact_type: "Entreprise"'));
      await refused('create_cn_audit', { contact_id: other.id, ...enterprise, individual_url: 'https://docs.example.com/scan.pdf' }, error('', 'CreateCnAudit', 'invalid individual_url: the URL must point to a jpg, jpeg, gif or png file'));
      await refused('create_cn_audit', { contact_id: 'testcontactid', ...enterprise }, error('', 'CreateCnAudit', 'invalid contact_id: "testcontactid"'));

      assertBody(await a.c.xml('get_cn_audit_status', { contact_id: good.id }), fixture('get_cn_audit_status.xml', { STATUS: 'processing' }));
      assert.equal((await ops(t.url, 'clock advance', { duration: '2h' })).status, 200);
      assertBody(await a.c.json('get_cn_audit_status', { contact_id: good.id, gtld: 1 }), fixture('get_cn_audit_status.json', { STATUS: 'waiting for CNNIC' }));
      assert.equal((await ops(t.url, 'clock advance', { duration: '1d' })).status, 200);
      assertBody(await a.c.xml('get_cn_audit_status', { contact_id: good.id }), fixture('get_cn_audit_status.xml', { STATUS: 'pass' }));
      assertBody(await a.c.json('get_cn_audit_status', { contact_id: good.id }), fixture('get_cn_audit_status.json', { STATUS: 'pass' }));
      const reason = 'the ID card number (SFZ) is not valid: its check character does not match';
      assertBody(await a.c.xml('get_cn_audit_status', { contact_id: bad.id }), fixture('get_cn_audit_status-failed.xml', { REASON: reason }));
      assertBody(await a.c.json('get_cn_audit_status', { contact_id: bad.id }), fixture('get_cn_audit_status-failed.json', { REASON: reason }));
      // The sweeper persisted the decisions; a failed audit may be submitted again.
      assert.equal((await engine.run(getContact, { contactId: bad.id }, { actor: a.actor })).cnAuditStatus, 'failed');
      assertBody(await a.c.json('create_cn_audit', { contact_id: bad.id, contact_type: 'Individual', individual_id_type: 'HZ', individual_license_id: 'E12345678', individual_url: 'https://docs.example.com/p.gif' }),
        fixture('create_cn_audit.json'));
      assertBody(await a.c.json('get_cn_audit_status', { contact_id: bad.id }), fixture('get_cn_audit_status.json', { STATUS: 'processing' }));
    });
  });
}

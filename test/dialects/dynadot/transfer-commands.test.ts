/**
 * Dynadot transfer and push commands over real HTTP (spec §11, §15.6):
 * transfer, get_transfer_status, set_transfer_auth_code, cancel_transfer,
 * get_transfer_auth_code, authorize_transfer_away, push,
 * get_domain_push_request and set_domain_push_request. Whole bodies against
 * the seed's examples in XML and JSON; refusals in the command's own
 * envelope changing nothing; a push accepted by its receiver and seen there
 * through Freenom's domain/getinfo; a transfer-in timeline on the movable
 * clock (pending → auth code required → resubmitted → pending → completed).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { getAuthCode, getDomain, registerDomain, updateAccount, type Engine } from '../../../src/core/index.ts';
import { BACKENDS } from '../../support/backends.ts';
import type { TestAccount } from '../../support/fixtures.ts';
import { snapshotTables } from '../../support/snapshot.ts';
import { ops, startTestServer, type TestServer } from '../../server/support.ts';
import { call as freenomCall, creds } from '../freenom/support.ts';
import { assertBody, dynadotAccount, fixture, type Client, type ParamMap } from './support.ts';

const xmlText = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const jsonText = (s: string): string => JSON.stringify(s).slice(1, -1);

for (const backend of BACKENDS) {
  describe(`${backend}: Dynadot transfer and push commands`, { timeout: 120_000 }, () => {
    let t: TestServer;
    let engine: Engine;
    let a: TestAccount & { c: Client };
    let b: TestAccount & { c: Client };
    let reseller: TestAccount & { c: Client };

    function legacyError(root: string, text: string): { xml: string; json: string } {
      return { xml: fixture('legacy-error.xml', { ROOT: root, ERROR: xmlText(text) }), json: fixture('legacy-error.json', { ROOT: root, ERROR: jsonText(text) }) };
    }
    function newError(root: string, text: string, code: 'ResponseCode' | 'SuccessCode' = 'ResponseCode'): { xml: string; json: string } {
      return {
        xml: fixture('new-error.xml', { ROOT: root, CODE: code, ERROR: xmlText(text) }),
        json: `{"${root}Response":{"ResponseCode":-1,"Status":"error","Error":"${jsonText(text)}"}}`,
      };
    }
    async function refused(command: string, params: ParamMap, want: { xml: string; json: string }, who: Client = a.c): Promise<void> {
      const before = await snapshotTables(t.services.store.db);
      assertBody(await who.xml(command, params), want.xml);
      assertBody(await who.json(command, params), want.json);
      assert.deepStrictEqual(await snapshotTables(t.services.store.db), before, `${command} changed stored data`);
    }
    const codeOf = async (who: TestAccount, name: string): Promise<string> => (await engine.run(getAuthCode, { name }, { actor: who.actor })).authCode;
    const holder = async (name: string, who: TestAccount): Promise<boolean> =>
      engine.run(getDomain, { name }, { actor: who.actor }).then(() => true, () => false);

    before(async () => {
      t = await startTestServer(backend);
      engine = t.services.engine;
      a = await dynadotAccount(engine, t.url);
      b = await dynadotAccount(engine, t.url);
      reseller = await dynadotAccount(engine, t.url, { level: 'reseller' });
      await engine.run(updateAccount, { pushUsername: 'receiver-b' }, { actor: b.actor });
      for (const name of ['haha.com', 'haha1.com', 'kept-push.com', 'locked-push.com']) await engine.run(registerDomain, { name }, { actor: a.actor });
      await engine.run(registerDomain, { name: 'locked-code.com', locked: true }, { actor: a.actor });
      for (const name of ['domian1.com', 'domain4.com', 'cancel-me.com', 'domian.com', 'refuse-me.com']) {
        await engine.run(registerDomain, { name }, { actor: name === 'domian.com' || name === 'refuse-me.com' ? reseller.actor : b.actor });
      }
      // Past the .com transfer lock after creation (60 days).
      assert.equal((await ops(t.url, 'clock advance', { duration: '61d' })).status, 200);
    });
    after(() => t.close());

    test('push (the example), get_domain_push_request and set_domain_push_request accept: the domain is the receiver\'s, in another dialect too', async () => {
      assertBody(await a.c.xml('push', { domain: 'haha.com;haha1.com', receiver_push_username: 'Receiver-B', currency: 'USD' }), fixture('push.xml'));
      assertBody(await b.c.xml('get_domain_push_request'), fixture('get_domain_push_request.xml'));
      assertBody(await b.c.json('get_domain_push_request'), fixture('get_domain_push_request.json'));
      assertBody(await a.c.json('get_domain_push_request'), '{"GetDomainPushRequestResponse":{"ResponseCode":0,"Status":"success","pushDomainName":"[]"}}');
      await refused('set_domain_push_request', { domains: 'haha.com', action: 'accept' }, newError('SetDomainPushRequest', 'could not find a push request of haha.com for your account'));
      await refused('set_domain_push_request', { domains: 'haha.com', action: 'maybe' }, newError('SetDomainPushRequest', 'invalid action: "maybe"'), b.c);
      await refused('set_domain_push_request', { action: 'accept' }, newError('SetDomainPushRequest', 'missing domains param'), b.c);

      assertBody(await b.c.xml('set_domain_push_request', { domains: 'haha.com,haha1.com', action: 'accept' }), fixture('set_domain_push_request.xml'));
      assert.equal(await holder('haha.com', b), true);
      assert.equal(await holder('haha.com', a), false);
      const info = await freenomCall(`${t.url}/v2`, '/domain/getinfo', { ...creds(b), domainname: 'haha1.com' });
      assert.equal(info.status, 200, info.text);
      assert.equal((info.body.domain as Record<string, unknown>[])[0]!.domainname, 'haha1.com');

      // Refused: declined by the receiver stays with the sender; a locked domain without unlock_domain_for_push.
      assertBody(await a.c.json('push', { domain: 'kept-push.com', receiver_push_username: 'receiver-b' }), fixture('push.json'));
      assertBody(await b.c.json('set_domain_push_request', { domains: 'kept-push.com', action: 'refuse' }), fixture('set_domain_push_request.json'));
      assert.equal(await holder('kept-push.com', a), true);
      await engine.run(registerDomain, { name: 'locked-push2.com', locked: true }, { actor: a.actor });
      await refused('push', { domain: 'locked-push2.com', receiver_push_username: 'receiver-b' }, legacyError('Push', 'Please unlock your domain firstly.'));
      await refused('push', { domain: 'kept-push.com', receiver_push_username: 'nobody-here' }, legacyError('Push', 'could not find the receiver account nobody-here'));
      await refused('push', { domain: 'haha.com', receiver_push_username: 'receiver-b' }, legacyError('Push', 'could not find domain in your account'));
      await refused('push', { receiver_push_username: 'receiver-b' }, legacyError('Push', 'missing domain param'));
      await refused('push', { domain: 'kept-push.com' }, legacyError('Push', 'missing receiver_push_username param'));
      assertBody(await a.c.xml('push', { domain: 'locked-push2.com', receiver_push_username: 'receiver-b', unlock_domain_for_push: 1 }), fixture('push.xml'));
      assertBody(await b.c.json('get_domain_push_request'), '{"GetDomainPushRequestResponse":{"ResponseCode":0,"Status":"success","pushDomainName":"[locked-push2.com]"}}');
    });

    test('get_transfer_auth_code (the example): new_code regenerates, a locked domain needs unlock_domain_for_transfer', async () => {
      const before = await codeOf(a, 'kept-push.com');
      assertBody(await a.c.xml('get_transfer_auth_code', { domain: 'kept-push.com' }), fixture('get_transfer_auth_code.xml', { CODE: before }));
      const j = await a.c.json('get_transfer_auth_code', { domain: 'kept-push.com', new_code: 1 });
      const fresh = await codeOf(a, 'kept-push.com');
      assert.notEqual(fresh, before);
      assertBody(j, fixture('get_transfer_auth_code.json', { CODE: fresh }));
      await refused('get_transfer_auth_code', { domain: 'locked-code.com' }, legacyError('GetTransferAuthCode', 'Please unlock your domain firstly.'));
      await refused('get_transfer_auth_code', { domain: 'domian1.com' }, legacyError('GetTransferAuthCode', 'could not find domain in your account'));
      await refused('get_transfer_auth_code', { domain: 'a.com,b.com' }, legacyError('GetTransferAuthCode', 'only 1 domain can be entered per request'));
      assertBody(await a.c.xml('get_transfer_auth_code', { domain: 'locked-code.com', new_code: 1, unlock_domain_for_transfer: 1 }),
        fixture('get_transfer_auth_code.xml', { CODE: await codeOf(a, 'locked-code.com') }));
      assert.equal((await engine.run(getDomain, { name: 'locked-code.com' }, { actor: a.actor })).locked, false);
    });

    test('transfer-in timeline: a wrong code is pending, then "auth code required", resubmitted, pending, completed on the TLD timetable', async () => {
      const right = await codeOf(b, 'domian1.com');
      assertBody(await a.c.xml('transfer', { domain: 'domian1.com', auth: 'testauth', currency: 'USD' }), fixture('transfer.xml'));
      const order = (JSON.parse((await a.c.json('order_list', { search_by: 'domain', domain: 'domian1.com' })).text) as {
        OrderListResponse: { OrderList: { OrderId: string }[] };
      }).OrderListResponse.OrderList[0]!.OrderId;
      // Pending while the registry checks the code (an hour on the engine clock), then "auth code required".
      assertBody(await a.c.xml('get_transfer_status', { domain: 'domian1.com', transfer_type: 'in' }), fixture('get_transfer_status.xml', { ORDER: order, STATUS: 'pending' }));
      assert.equal((await ops(t.url, 'clock advance', { duration: '61m' })).status, 200);
      assertBody(await a.c.xml('get_transfer_status', { domain: 'domian1.com', transfer_type: 'in' }), fixture('get_transfer_status.xml', { ORDER: order, STATUS: 'auth code required' }));
      assertBody(await b.c.json('get_transfer_status', { domain: 'domian1.com', transfer_type: 'out' }), fixture('get_transfer_status.json', { ORDER: order, STATUS: 'auth code required' }));
      await refused('set_transfer_auth_code', { domain: 'domian1.com', auth_code: 'still-wrong', order_id: order }, legacyError('SetTransferAuthCode', 'the auth code is not correct'));
      await refused('set_transfer_auth_code', { domain: 'domian1.com', auth_code: right, order_id: order }, legacyError('SetTransferAuthCode', 'could not find the transfer in your account'), b.c);
      await refused('set_transfer_auth_code', { domain: 'domian1.com', order_id: order }, legacyError('SetTransferAuthCode', 'missing auth_code param'));

      assertBody(await a.c.xml('set_transfer_auth_code', { domain: 'domian1.com', auth_code: right, order_id: order }), fixture('set_transfer_auth_code.xml'));
      assertBody(await a.c.json('get_transfer_status', { domain: 'domian1.com', transfer_type: 'in' }), fixture('get_transfer_status.json', { ORDER: order, STATUS: 'pending' }));
      await refused('set_transfer_auth_code', { domain: 'domian1.com', auth_code: right }, legacyError('SetTransferAuthCode', 'the transfer is not waiting for an auth code'));
      assert.equal(await holder('domian1.com', b), true);
      assert.equal((await ops(t.url, 'clock advance', { duration: '5d' })).status, 200);
      assert.equal((await ops(t.url, 'sweep')).status, 200);
      assertBody(await a.c.xml('get_transfer_status', { domain: 'domian1.com', transfer_type: 'in' }), fixture('get_transfer_status.xml', { ORDER: order, STATUS: 'completed' }));
      assert.equal(await holder('domian1.com', a), true);
      assert.equal(await holder('domian1.com', b), false);
    });

    test('transfer (JSON) with the right code; refusals; cancel_transfer by order id', async () => {
      assertBody(await a.c.json('transfer', { domain: 'domain4.com', auth: await codeOf(b, 'domain4.com') }), fixture('transfer.json', { NAME: 'domain4.com' }));
      assertBody(await a.c.json('get_transfer_status', { domain: 'domain4.com', transfer_type: 'in' }).then((r) => ({ ...r, text: r.text.replace(/"OrderId":"\d+"/, '"OrderId":"X"') })),
        fixture('get_transfer_status.json', { ORDER: 'X', STATUS: 'pending' }));
      await refused('transfer', { domain: 'domain4.com', auth: 'x' }, legacyError('Transfer', 'this domain has a transfer in progress'));
      await refused('transfer', { domain: 'kept-push.com', auth: 'x' }, legacyError('Transfer', 'this domain is already in your account'));
      await refused('transfer', { domain: 'cancel-me.com', auth: 'x', coupon: 'testcoupon' }, legacyError('Transfer', 'invalid coupon: "testcoupon" is not a valid coupon code'));
      await refused('transfer', { domain: 'cancel-me.com' }, legacyError('Transfer', 'missing auth param'));
      await refused('transfer', { auth: 'x' }, legacyError('Transfer', 'missing domain param'));
      await refused('transfer', { domain: 'never-registered-xyz.com', auth: 'x' }, legacyError('Transfer', 'this domain can not be transferred: it is not registered'));

      assertBody(await a.c.json('transfer', { domain: 'cancel-me.com', auth: await codeOf(b, 'cancel-me.com') }), fixture('transfer.json', { NAME: 'cancel-me.com' }));
      const status = JSON.parse((await a.c.json('get_transfer_status', { domain: 'cancel-me.com', transfer_type: 'in' })).text) as {
        GetTransferStatusResponse: { TransferList: { OrderId: string }[] };
      };
      const order = status.GetTransferStatusResponse.TransferList[0]!.OrderId;
      await refused('cancel_transfer', { domain: 'cancel-me.com', order_id: order }, legacyError('CancelTransfer', 'could not find the transfer in your account'), b.c);
      await refused('cancel_transfer', { domain: 'cancel-me.com', order_id: 'abc' }, legacyError('CancelTransfer', 'invalid order_id: "abc"'));
      assertBody(await a.c.xml('cancel_transfer', { domain: 'cancel-me.com', order_id: order }), fixture('cancel_transfer.xml'));
      assertBody(await a.c.xml('get_transfer_status', { domain: 'cancel-me.com', transfer_type: 'in' }), fixture('get_transfer_status.xml', { ORDER: order, STATUS: 'cancelled' }));
      await refused('cancel_transfer', { domain: 'cancel-me.com', order_id: order }, legacyError('CancelTransfer', 'the transfer can not be changed any more, it is cancelled'));
      await refused('get_transfer_status', { domain: 'cancel-me.com', transfer_type: 'sideways' }, newError('GetTransferStatus', 'invalid transfer_type: "sideways"', 'SuccessCode'));
      assertBody(await a.c.json('get_transfer_status', { domain: 'cancel-me.com', transfer_type: 'out' }), '{"GetTransferStatusResponse":{"ResponseCode":0,"Status":"success","TransferList":[]}}');
    });

    test('authorize_transfer_away (reseller only): approve moves the domain at once, refuse keeps it', async () => {
      assertBody(await a.c.json('transfer', { domain: 'domian.com', auth: await codeOf(reseller, 'domian.com') }), fixture('transfer.json', { NAME: 'domian.com' }));
      assertBody(await a.c.json('transfer', { domain: 'refuse-me.com', auth: await codeOf(reseller, 'refuse-me.com') }), fixture('transfer.json', { NAME: 'refuse-me.com' }));
      const orderOf = async (name: string): Promise<string> => (JSON.parse((await reseller.c.json('get_transfer_status', { domain: name, transfer_type: 'out' })).text) as {
        GetTransferStatusResponse: { TransferList: { OrderId: string }[] };
      }).GetTransferStatusResponse.TransferList[0]!.OrderId;
      const approveOrder = await orderOf('domian.com');
      await refused('authorize_transfer_away', { domain: 'domian.com', authorize: 'approve', order_id: approveOrder },
        legacyError('AuthorizeTransferAway', 'this command is only available to reseller accounts'), b.c);
      await refused('authorize_transfer_away', { domain: 'domian.com', authorize: 'approuver', order_id: approveOrder },
        legacyError('AuthorizeTransferAway', 'invalid authorize: "approuver"'), reseller.c);
      await refused('authorize_transfer_away', { domain: 'domian.com', authorize: 'approve' }, legacyError('AuthorizeTransferAway', 'missing order_id param'), reseller.c);
      assertBody(await reseller.c.xml('authorize_transfer_away', { domain: 'domian.com', authorize: 'approve', order_id: approveOrder }),
        fixture('authorize_transfer_away.xml', { RESULT: 'away_approved' }));
      assert.equal(await holder('domian.com', a), true);
      assertBody(await reseller.c.json('authorize_transfer_away', { domain: 'refuse-me.com', authorize: 'refuse', order_id: await orderOf('refuse-me.com') }),
        fixture('authorize_transfer_away.json', { RESULT: 'away_refused' }));
      assert.equal(await holder('refuse-me.com', reseller), true);
      assertBody(await a.c.json('get_transfer_status', { domain: 'refuse-me.com', transfer_type: 'in' }).then((r) => ({ ...r, text: r.text.replace(/"OrderId":"\d+"/, '"OrderId":"X"') })),
        fixture('get_transfer_status.json', { ORDER: 'X', STATUS: 'refused' }));
    });
  });
}

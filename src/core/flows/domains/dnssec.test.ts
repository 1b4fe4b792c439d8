import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { assertFailsAndChangesNothing, MONEY_AND_DOMAIN_TABLES } from '../../../../test/support/snapshot.ts';
import { newAccount } from '../../../../test/support/fixtures.ts';
import { DomainNotFound, InvalidDomainName, InvalidValue, MissingParameter } from '../../errors/index.ts';
import { registerDomain } from './register-domain.ts';
import { getDomainDnssec, setDomainDnssec, type DnssecKey } from './dnssec.ts';

const TABLES = [...MONEY_AND_DOMAIN_TABLES, 'dnssec_keys'];
const SHA256 = '2BB183AF5F22588179A53B0A98631FAD1A292118F5E8E1D8C1E4FF9D4D0A5C9E';
const DS: DnssecKey = { kind: 'ds', keyTag: 20326, algorithm: 8, digestType: 2, digest: SHA256 };
const KSK: DnssecKey = { kind: 'dnskey', flags: 257, protocol: 3, algorithm: 13, publicKey: 'mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+KkxLbxILfDLUT0rAK9iUzy1L53eKGQ==' };

for (const backend of BACKENDS) {
  describe(`${backend}: domain DNSSEC data`, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await openTestEngine(backend);
    });
    after(async () => engine.store.close());

    test('success: set DS and DNSKEY records (canonical digest and key), read them back, replace, clear', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      await engine.run(registerDomain, { name: 'signed-one.com' }, { actor: a.actor });
      const get = () => engine.run(getDomainDnssec, { name: 'signed-one.com' }, { actor: a.actor });
      assert.deepEqual(await get(), { name: 'signed-one.com', keys: [] });
      const given = [{ ...DS, digest: SHA256.toLowerCase().replace(/(.{16})/g, '$1 ') }, { ...KSK, publicKey: `${KSK.publicKey.slice(0, 20)}\n${KSK.publicKey.slice(20)}` }];
      assert.deepEqual(await engine.run(setDomainDnssec, { name: 'SIGNED-one.com', keys: given }, { actor: a.actor }), { name: 'signed-one.com', keys: [DS, KSK] });
      assert.deepEqual(await get(), { name: 'signed-one.com', keys: [DS, KSK] });
      await engine.run(setDomainDnssec, { name: 'signed-one.com', keys: [KSK] }, { actor: a.actor });
      assert.deepEqual(await get(), { name: 'signed-one.com', keys: [KSK] });
      await engine.run(setDomainDnssec, { name: 'signed-one.com', keys: [] }, { actor: a.actor });
      assert.deepEqual(await get(), { name: 'signed-one.com', keys: [] });
    });

    test('failure: bad fields, duplicates, another account\'s domain; nothing changes', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const b = await newAccount(engine, { depositEur: '100.00' });
      await engine.run(registerDomain, { name: 'signed-two.com' }, { actor: a.actor });
      await engine.run(setDomainDnssec, { name: 'signed-two.com', keys: [DS] }, { actor: a.actor });
      const db = engine.store.db;
      const set = (keys: unknown[], actor = a.actor, name = 'signed-two.com') => () => engine.run(setDomainDnssec, { name, keys: keys as DnssecKey[] }, { actor });
      await assertFailsAndChangesNothing(db, set([{ ...DS, algorithm: 4 }]), InvalidValue, TABLES);
      await assertFailsAndChangesNothing(db, set([{ ...DS, digestType: 5 }]), InvalidValue, TABLES);
      await assertFailsAndChangesNothing(db, set([{ ...DS, digest: SHA256.slice(2) }]), InvalidValue, TABLES);
      await assertFailsAndChangesNothing(db, set([{ ...DS, digest: `${SHA256.slice(1)}G` }]), InvalidValue, TABLES);
      await assertFailsAndChangesNothing(db, set([{ ...DS, keyTag: 70000 }]), InvalidValue, TABLES);
      await assertFailsAndChangesNothing(db, set([{ ...DS, digest: '' }]), MissingParameter, TABLES);
      await assertFailsAndChangesNothing(db, set([{ ...KSK, flags: 1 }]), InvalidValue, TABLES);
      await assertFailsAndChangesNothing(db, set([{ ...KSK, protocol: 2 }]), InvalidValue, TABLES);
      await assertFailsAndChangesNothing(db, set([{ ...KSK, publicKey: 'not base64!' }]), InvalidValue, TABLES);
      await assertFailsAndChangesNothing(db, set([{ kind: 'nsec', algorithm: 8 }]), InvalidValue, TABLES);
      await assertFailsAndChangesNothing(db, set([DS, DS]), InvalidValue, TABLES);
      await assertFailsAndChangesNothing(db, set(Array.from({ length: 9 }, (_, i) => ({ ...DS, keyTag: i }))), InvalidValue, TABLES);
      await assertFailsAndChangesNothing(db, set([KSK], b.actor), DomainNotFound, TABLES);
      await assertFailsAndChangesNothing(db, set([KSK], a.actor, 'bad..name'), InvalidDomainName, TABLES);
      assert.deepEqual(await engine.run(getDomainDnssec, { name: 'signed-two.com' }, { actor: a.actor }), { name: 'signed-two.com', keys: [DS] });
      await assert.rejects(engine.run(getDomainDnssec, { name: 'signed-two.com' }, { actor: b.actor }), DomainNotFound);
    });
  });
}

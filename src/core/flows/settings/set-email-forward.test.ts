import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { assertFailsAndChangesNothing } from '../../../../test/support/snapshot.ts';
import { newAccount, type TestAccount } from '../../../../test/support/fixtures.ts';
import { days } from '../../clock.ts';
import { DomainNotFound, DomainStatusProhibits, InvalidHostName, InvalidValue, MissingParameter } from '../../errors/index.ts';
import type { EmailForward } from '../../../store/index.ts';
import { registerDomain } from '../domains/register-domain.ts';
import { setEmailForward } from './set-email-forward.ts';

for (const backend of BACKENDS) {
  describe(`${backend}: setEmailForward`, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await openTestEngine(backend);
    });
    after(async () => engine.store.close());

    const register = async (a: TestAccount, name: string) => (await engine.run(registerDomain, { name }, { actor: a.actor })).domain;
    const setFwd = (a: TestAccount, name: string, forward: unknown) => engine.run(setEmailForward, { name, forward: forward as EmailForward }, { actor: a.actor });
    const fails = (fn: () => Promise<unknown>, cls: abstract new (...x: never[]) => Error) => assertFailsAndChangesNothing(engine.store.db, fn, cls);

    test('success: mx hosts, aliases with a catch-all, then back to none; updated_at stamped', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const d = await register(a, 'mail-fwd.com');
      const at = engine.clock.advance(days(1));
      const mx = await setFwd(a, 'MAIL-FWD.com', { type: 'mx', mx: [{ host: 'MX1.Mail.example.', distance: 0 }, { host: 'mx2.mail.example', distance: 65535 }] });
      assert.deepEqual(mx, { ...d, updatedAt: at, emailForward: { type: 'mx', mx: [{ host: 'mx1.mail.example', distance: 0 }, { host: 'mx2.mail.example', distance: 65535 }] } });
      const aliases = Array.from({ length: 9 }, (_, i) => ({ user: `user.${i}+tag`, to: `target${i}@example.org` }));
      const fwd = await setFwd(a, 'mail-fwd.com', { type: 'forward', aliases: [...aliases, { user: '*', to: ' all@example.org ' }] });
      assert.deepEqual(fwd.emailForward, { type: 'forward', aliases: [...aliases, { user: '*', to: 'all@example.org' }] });
      const none = await setFwd(a, 'mail-fwd.com', { type: 'donot', mx: [{ host: 'ignored.example', distance: 1 }] });
      assert.deepEqual(none, { ...d, updatedAt: at, emailForward: { type: 'donot' } });
      const stored = await engine.store.db.selectFrom('domains').select('email_forward').where('id', '=', d.id).executeTakeFirstOrThrow();
      assert.deepEqual(stored.email_forward, { type: 'donot' });
    });

    test('failure: forward type, mx host list, host name, distance', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      await register(a, 'mail-bad.com');
      const mx = (list: unknown) => setFwd(a, 'mail-bad.com', { type: 'mx', mx: list });
      await fails(() => setFwd(a, 'mail-bad.com', { type: 'bounce' }), InvalidValue);
      await fails(() => setFwd(a, 'mail-bad.com', undefined), MissingParameter);
      await fails(() => setFwd(a, 'mail-bad.com', 'mx'), InvalidValue);
      await fails(() => mx([]), InvalidValue);
      await fails(() => mx(Array.from({ length: 4 }, (_, i) => ({ host: `mx${i}.mail.example`, distance: i }))), InvalidValue);
      await fails(() => mx([{ host: 'mx_1.mail.example', distance: 0 }]), InvalidHostName);
      await fails(() => mx([{ host: 'localhost', distance: 0 }]), InvalidHostName);
      await fails(() => mx([{ host: 'mx.mail.example', distance: 65536 }]), InvalidValue);
      await fails(() => mx([{ host: 'mx.mail.example', distance: -1 }]), InvalidValue);
      await fails(() => mx([{ host: 'mx.mail.example', distance: 1.5 }]), InvalidValue);
      await fails(() => mx([{ host: 'mx.mail.example', distance: '10' }]), InvalidValue);
      await fails(() => mx([{ host: 'mx.mail.example', distance: 1 }, { host: 'MX.mail.example', distance: 2 }]), InvalidValue);
      await fails(() => mx(['mx.mail.example']), InvalidValue);
    });

    test('failure: aliases (count, local part, duplicates, target address)', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      await register(a, 'alias-bad.com');
      const fwd = (aliases: unknown) => setFwd(a, 'alias-bad.com', { type: 'forward', aliases });
      await fails(() => fwd([]), InvalidValue);
      await fails(() => fwd(undefined), InvalidValue);
      await fails(() => fwd(Array.from({ length: 11 }, (_, i) => ({ user: `u${i}`, to: 'x@example.org' }))), InvalidValue);
      await fails(() => fwd([{ user: 'sales team', to: 'x@example.org' }]), InvalidValue);
      await fails(() => fwd([{ user: 'a'.repeat(65), to: 'x@example.org' }]), InvalidValue);
      await fails(() => fwd([{ user: '', to: 'x@example.org' }]), InvalidValue);
      await fails(() => fwd([{ user: 'info@', to: 'x@example.org' }]), InvalidValue);
      await fails(() => fwd([{ user: 'Info', to: 'x@example.org' }, { user: 'info', to: 'y@example.org' }]), InvalidValue);
      await fails(() => fwd([{ user: 'info', to: 'not-an-address' }]), InvalidValue);
      await fails(() => fwd([{ user: 'info' }]), MissingParameter);
      await fails(() => fwd([{ user: 42, to: 'x@example.org' }]), InvalidValue);
    });

    test('failure: another account\'s domain is not found; a pending registration cannot change', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const b = await newAccount(engine);
      await register(a, 'mail-theirs.com');
      await fails(() => setFwd(b, 'mail-theirs.com', { type: 'donot' }), DomainNotFound);
      await fails(() => setFwd(a, 'never-registered-mail.com', { type: 'donot' }), DomainNotFound);
      await register(a, 'mail-pending.cn');
      await fails(() => setFwd(a, 'mail-pending.cn', { type: 'donot' }), DomainStatusProhibits);
    });
  });
}

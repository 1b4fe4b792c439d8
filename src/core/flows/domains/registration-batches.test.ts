/**
 * Registrations of one account written together (registration-batches.ts,
 * migration 0027): what arrives together shares one statement, and every
 * registration gets what its own statement would have given it.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, sql, type CompiledQuery, type DatabaseConnection, type Driver, type QueryResult } from 'kysely';
import type { Database } from '../../../store/index.ts';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { newAccount } from '../../../../test/support/fixtures.ts';
import { untilWaitingOnLock } from '../../../../test/support/open-transaction.ts';
import { StatementCounter } from '../../../../test/support/statement-counter.ts';
import { getBalance, verifyBalances } from '../../money/ledger.ts';
import { DomainNotAvailable, InsufficientFunds } from '../../errors/index.ts';
import { createFlowRunner } from '../../run-flow.ts';
import { PruneSchedule } from '../../prune-schedule.ts';
import type { FlowContext } from '../../context.ts';
import { createContact } from '../contacts/create-contact.ts';
import { getAccount } from '../accounts/get-account.ts';
import { getDomain } from './get-domain.ts';
import { registerDomain } from './register-domain.ts';
import { configureRegistrationBatches, registerInBatch, type RegistrationCall } from './registration-batches.ts';

for (const backend of BACKENDS) {
  describe(`${backend}: registrations written together`, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await openTestEngine(backend);
    });
    after(async () => engine.store.close());

    const charges = async (accountId: number) =>
      (await engine.store.db.selectFrom('ledger_entries').select(['kind', 'amount_minor', 'memo']).where('account_id', '=', accountId).where('kind', '=', 'charge').orderBy('memo').execute());

    test('ten registrations of one account arriving together: one statement, one charge of the balance row, ten orders and entries, each answered as alone', async () => {
      const a = await newAccount(engine, { depositEur: '200.00' });
      const counter = new StatementCounter();
      const runner = createFlowRunner({ db: engine.store.db.withPlugin(counter), clock: engine.clock, policy: engine.policy });
      const names = Array.from({ length: 10 }, (_, i) => `together-${i}.com`);
      const results = await Promise.all(names.map((name) => runner.run(registerDomain, { name }, { actor: a.actor })));
      assert.equal(counter.count, 1);
      for (const [i, r] of results.entries()) {
        assert.equal(r.domain.name, names[i]);
        assert.equal(r.quote.totalMinor, 999);
        assert.deepEqual(r.domain, await engine.run(getDomain, { name: names[i]! }, { actor: a.actor }));
        const order = await engine.store.db.selectFrom('orders').selectAll().where('number', '=', r.orderNumber).executeTakeFirstOrThrow();
        assert.deepEqual([order.account_id, order.kind, order.status, order.amount_minor], [a.id, 'register', 'completed', 999]);
      }
      assert.equal(new Set(results.map((r) => r.orderNumber)).size, 10);
      assert.deepEqual(await charges(a.id), names.map((n) => ({ kind: 'charge', amount_minor: 999, memo: `register ${n}` })));
      assert.equal((await getBalance(engine.store.db, a.id, 'EUR')).balanceMinor, 20000 - 10 * 999);
      assert.deepEqual(await verifyBalances(engine.store.db), []);
    });

    test('items a guard refuses write nothing, the others go on: a taken name, a name twice, funds for only some, an unknown contact', async () => {
      const a = await newAccount(engine, { depositEur: '30.00' });
      const other = await newAccount(engine, { depositEur: '20.00' });
      await engine.run(registerDomain, { name: 'taken-by-other.com' }, { actor: other.actor });
      const owner = await engine.run(createContact, {
        name: 'Olga Owner', address1: '1 Main St', city: 'Praha', postcode: '11000', country: 'CZ', phone: '+420.123456789', email: 'o@example.test',
      }, { actor: a.actor });
      const template = (await sql<{ row: Record<string, unknown> }>`select to_jsonb(d) - 'id' - 'order_id' as row from domains d where name = 'taken-by-other.com'`.execute(engine.store.db)).rows[0]!.row;
      const now = engine.clock.now();
      const call = (name: string, extra: Partial<RegistrationCall> = {}): RegistrationCall => ({
        account: a.id, require_active: true, currency: null, prices: { EUR: 999 }, accept_total: null, order_status: 'completed', source: 'test',
        memo: `register ${name}`, now, refuse_template: true,
        domain: { ...template, account_id: a.id, name, unicode_name: name, auth_code: `code-${name}`, released_at: null, deleted_at: null },
        ...extra,
      });
      const rows = await Promise.all([
        // An empty contacts object names no contact: registered without one.
        registerInBatch(engine.store.db, call('batch-b.com', { contacts: {} })),
        registerInBatch(engine.store.db, call('taken-by-other.com')),
        registerInBatch(engine.store.db, call('batch-a.com', { contacts: { registrant_contact_id: owner.id } })),
        registerInBatch(engine.store.db, call('batch-a.com')),
        registerInBatch(engine.store.db, call('batch-c.com', { contacts: { registrant_contact_id: 999_999 } })),
        registerInBatch(engine.store.db, call('batch-d.com')),
        registerInBatch(engine.store.db, call('batch-e.com')),
      ]);
      // In name order: batch-a (with the contact) registered, batch-a again: live_row; batch-b registered; batch-c: no such
      // contact; batch-d registered (the third 9.99 of 30.00); batch-e: the funds are spoken for; taken-by-other: live_row.
      assert.deepEqual(rows.map((r) => r.o_outcome), ['registered', 'live_row', 'registered', 'live_row', 'contacts', 'registered', 'insufficient_funds']);
      assert.deepEqual(rows.map((r) => r.o_index), [0, 1, 2, 3, 4, 5, 6]);
      const owned = await engine.store.db.selectFrom('domains').select(['name', 'registrant_contact_id', 'id', 'order_id']).where('account_id', '=', a.id).orderBy('name').execute();
      const internalOwner = (await engine.store.db.selectFrom('contacts').select('id').where('account_id', '=', a.id).where('number', '=', owner.id).executeTakeFirstOrThrow()).id;
      assert.deepEqual(owned.map((d) => [d.name, d.registrant_contact_id]), [['batch-a.com', internalOwner], ['batch-b.com', null], ['batch-d.com', null]]);
      assert.deepEqual(rows[2]!.o_contact_ids, { registrant_contact_id: internalOwner });
      assert.deepEqual([rows[2]!.o_domain_id, rows[0]!.o_domain_id, rows[5]!.o_domain_id], owned.map((d) => d.id));
      assert.deepEqual(await charges(a.id), ['batch-a.com', 'batch-b.com', 'batch-d.com'].map((n) => ({ kind: 'charge', amount_minor: 999, memo: `register ${n}` })));
      assert.equal((await getBalance(engine.store.db, a.id, 'EUR')).balanceMinor, 3000 - 3 * 999);
      assert.deepEqual(await verifyBalances(engine.store.db), []);
    });

    test('a statement that fails as a whole wrote nothing; its registrations are sent again one at a time, each with its own outcome or error', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const template = (await sql<{ row: Record<string, unknown> }>`select to_jsonb(d) - 'id' - 'order_id' as row from domains d limit 1`.execute(engine.store.db)).rows[0]!.row;
      const call = (name: string, privacy: string): RegistrationCall => ({
        account: a.id, require_active: true, currency: null, prices: { EUR: 999 }, accept_total: null, order_status: 'completed', source: 'test',
        memo: `register ${name}`, now: engine.clock.now(), refuse_template: true,
        domain: { ...template, account_id: a.id, name, unicode_name: name, auth_code: `code-${name}`, privacy, released_at: null, deleted_at: null },
      });
      // One row breaks a check constraint: its insert fails the statement, the other two are then written on their own.
      const settled = await Promise.allSettled([
        registerInBatch(engine.store.db, call('whole-a.com', 'off')),
        registerInBatch(engine.store.db, call('whole-b.com', 'not-a-privacy-level')),
        registerInBatch(engine.store.db, call('whole-c.com', 'off')),
      ]);
      assert.deepEqual(settled.map((s) => s.status), ['fulfilled', 'rejected', 'fulfilled']);
      assert.equal(((settled[1] as PromiseRejectedResult).reason as { code?: string }).code, '23514');
      const owned = await engine.store.db.selectFrom('domains').select('name').where('account_id', '=', a.id).orderBy('name').execute();
      assert.deepEqual(owned.map((d) => d.name), ['whole-a.com', 'whole-c.com']);
      assert.equal((await getBalance(engine.store.db, a.id, 'EUR')).balanceMinor, 10000 - 2 * 999);
      assert.deepEqual(await verifyBalances(engine.store.db), []);
    });

    if (backend === 'postgres') {
      test('race: a repeat of an idempotent registration while the first is uncommitted elsewhere waits for it, then replays its result', async () => {
        const a = await newAccount(engine, { depositEur: '20.00' });
        const request = { fn: 'test:register', paramsHash: 'u', windowMs: 30_000 };
        const other = await engine.store.db.startTransaction().execute();
        const ctx = { db: other, now: engine.clock.now(), actor: a.actor, policy: engine.policy, source: 'test' } as unknown as FlowContext;
        const first = await registerDomain(ctx, { name: 'idem-u.com', request });
        const repeat = engine.run(registerDomain, { name: 'idem-u.com', request }, { actor: a.actor });
        await untilWaitingOnLock(engine.store.db, 'regd_register_domains');
        await other.commit().execute();
        assert.deepEqual(await repeat, first);
        assert.equal((await engine.store.db.selectFrom('domains').select('id').where('name', '=', 'idem-u.com').execute()).length, 1);
        assert.equal((await getBalance(engine.store.db, a.id, 'EUR')).balanceMinor, 2000 - 999);
        assert.deepEqual(await verifyBalances(engine.store.db), []);
      });

      test('race: funds taken while the statement waits to charge them → nothing written by it; one at a time, the first fits and the second is refused', async () => {
        const a = await newAccount(engine, { depositEur: '20.00' });
        // Another transaction leaves 10.00 and holds the row: the batch reads 20.00 (committed), writes both registrations, then
        // waits for the row at its charge of 19.98; once the other commits, the funds are short.
        const other = await engine.store.db.startTransaction().execute();
        await other.updateTable('balances').set({ balance_minor: 1000 }).where('account_id', '=', a.id).where('currency', '=', 'EUR').execute();
        await other.insertInto('ledger_entries').values({ account_id: a.id, currency: 'EUR', kind: 'charge', amount_minor: 1000, memo: 'the other charge', created_at: engine.clock.now() }).execute();
        const outcomes = Promise.all(['race-a.com', 'race-b.com'].map((name) => engine.run(registerDomain, { name }, { actor: a.actor }).then(() => 'registered', (e: unknown) => e)));
        await untilWaitingOnLock(engine.store.db, 'regd_register_domains');
        await other.commit().execute();
        const [first, second] = await outcomes;
        assert.equal(first, 'registered');
        assert.ok(second instanceof InsufficientFunds, String(second));
        const owned = await engine.store.db.selectFrom('domains').select('name').where('account_id', '=', a.id).execute();
        assert.deepEqual(owned.map((d) => d.name), ['race-a.com']);
        assert.deepEqual(await charges(a.id), [{ kind: 'charge', amount_minor: 999, memo: 'register race-a.com' }, { kind: 'charge', amount_minor: 1000, memo: 'the other charge' }]);
        assert.equal((await getBalance(engine.store.db, a.id, 'EUR')).balanceMinor, 1000 - 999);
        assert.deepEqual(await verifyBalances(engine.store.db), []);
      });
    }

    test('the flows: registrations of one account with funds for 4 of 9 arriving together, and one name wanted by two accounts at once', async () => {
      const a = await newAccount(engine, { depositEur: '40.00' });
      const b = await newAccount(engine, { depositEur: '40.00' });
      const names = Array.from({ length: 9 }, (_, i) => `short-${i}.com`);
      const results = await Promise.allSettled([
        ...names.map((name) => engine.run(registerDomain, { name }, { actor: a.actor })),
        engine.run(registerDomain, { name: 'wanted-twice.com' }, { actor: a.actor }),
        engine.run(registerDomain, { name: 'wanted-twice.com' }, { actor: b.actor }),
      ]);
      const [mine, twice] = [results.slice(0, 9), results.slice(9)];
      const lost = mine.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      for (const l of lost) assert.ok(l.reason instanceof InsufficientFunds, String(l.reason));
      const twiceWon = twice.filter((r) => r.status === 'fulfilled').length;
      assert.equal(twiceWon, 1);
      for (const r of twice) if (r.status === 'rejected') assert.ok(r.reason instanceof DomainNotAvailable || r.reason instanceof InsufficientFunds, String(r.reason));
      const countOf = async (id: number) => (await engine.store.db.selectFrom('domains').select('id').where('account_id', '=', id).execute()).length;
      const [ofA, ofB] = [await countOf(a.id), await countOf(b.id)];
      assert.equal(ofA + ofB, 9 - lost.length + 1);
      assert.equal(ofA, 4);
      assert.equal((await getBalance(engine.store.db, a.id, 'EUR')).balanceMinor, 4000 - ofA * 999);
      assert.equal((await getBalance(engine.store.db, b.id, 'EUR')).balanceMinor, 4000 - ofB * 999);
      assert.equal((await engine.store.db.selectFrom('domains').select('id').where('name', '=', 'wanted-twice.com').execute()).length, 1);
      assert.deepEqual(await verifyBalances(engine.store.db), []);
    });

    test('idempotent requests (migration 0028): kept by the statement, repeats together or later answer the first result; a refused one leaves no key', async () => {
      const a = await newAccount(engine, { depositEur: '40.00' });
      const counter = new StatementCounter();
      const runner = createFlowRunner({ db: engine.store.db.withPlugin(counter), clock: engine.clock, policy: engine.policy });
      const request = (hash: string) => ({ fn: 'test:register', paramsHash: hash, windowMs: 30_000 });
      const register = (name: string, hash: string, options: { dryRun?: boolean } = {}) =>
        runner.run(registerDomain, { name, request: request(hash) }, { actor: a.actor, ...options });
      const keys = async () => (await engine.store.db.selectFrom('freenom_idempotency').select(['params_hash', 'response']).where('account_id', '=', a.id).orderBy('params_hash').execute());

      // Two repeats of one request and another request, together: one statement, two registrations.
      const [x1, x2, y] = await Promise.all([register('idem-x.com', 'x'), register('idem-x.com', 'x'), register('idem-y.com', 'y')]);
      assert.equal(counter.count, 1);
      assert.deepEqual(x2, x1);
      assert.equal(y.domain.name, 'idem-y.com');
      assert.notEqual(x1.orderNumber, y.orderNumber);
      assert.equal((await getBalance(engine.store.db, a.id, 'EUR')).balanceMinor, 4000 - 2 * 999);
      assert.deepEqual(x1.domain, await engine.run(getDomain, { name: 'idem-x.com' }, { actor: a.actor }));
      const stored = await keys();
      assert.deepEqual(stored.map((k) => k.params_hash), ['x', 'y']);
      const record = JSON.parse(stored[0]!.response) as { row: { name: string; auth_code: string }; orderNumber: string; quote: { totalMinor: number } };
      assert.deepEqual([record.row.name, record.row.auth_code, record.orderNumber, record.quote.totalMinor], ['idem-x.com', x1.authCode, x1.orderNumber, 999]);

      // A later repeat, alone (one statement again, nothing written) and in a transaction (a dry run: claimRequest, the same record).
      counter.count = 0;
      const before = await engine.store.db.selectFrom('orders').select('id').where('account_id', '=', a.id).execute();
      assert.deepEqual(await register('idem-x.com', 'x'), x1);
      assert.equal(counter.count, 1);
      assert.deepEqual(await register('idem-x.com', 'x', { dryRun: true }), x1);
      // A replay asked for the account gets it as it is now, on either path.
      const now = await engine.run(getAccount, {}, { actor: a.actor });
      const withAccount = { balances: now.balances, domainCount: now.domainCount };
      for (const dryRun of [false, true]) {
        const again = await runner.run(registerDomain, { name: 'idem-x.com', request: request('x'), withAccount: true }, { actor: a.actor, dryRun });
        assert.deepEqual(again, { ...x1, account: withAccount });
      }
      assert.deepEqual(await engine.store.db.selectFrom('orders').select('id').where('account_id', '=', a.id).execute(), before);

      // The same request at once through two statements (two processes on one database: two queues): on PostgreSQL both run
      // together, the later waits on the name and fails with the first's commit, then replays through the transaction path.
      const elsewhere = createFlowRunner({ db: engine.store.db.withPlugin(new StatementCounter()), clock: engine.clock, policy: engine.policy });
      const [v1, v2] = await Promise.all([
        register('idem-v.com', 'v'),
        elsewhere.run(registerDomain, { name: 'idem-v.com', request: request('v') }, { actor: a.actor }),
      ]);
      assert.deepEqual(v2, v1);
      assert.equal((await engine.store.db.selectFrom('domains').select('id').where('name', '=', 'idem-v.com').execute()).length, 1);

      // Funds for one of two (0.03 left after one more): the refused one keeps no key, and its error is the flow's own.
      const [w, z] = await Promise.allSettled([register('idem-w.com', 'w'), register('idem-z.com', 'z')]);
      assert.equal(w.status, 'fulfilled');
      assert.ok(z.status === 'rejected' && z.reason instanceof InsufficientFunds, String(z.status === 'rejected' && z.reason));
      assert.deepEqual((await keys()).map((k) => k.params_hash), ['v', 'w', 'x', 'y']);
      assert.deepEqual(await verifyBalances(engine.store.db), []);
    });

    test("idempotent requests (migration 0029): with the engine's prune schedule, the statement prunes the account's expired keys at most once a second", async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const b = await newAccount(engine, { depositEur: '100.00' });
      const counter = new StatementCounter();
      const runner = createFlowRunner({ db: engine.store.db.withPlugin(counter), clock: engine.clock, policy: engine.policy, prunes: new PruneSchedule() });
      const register = (who: typeof a, name: string) =>
        runner.run(registerDomain, { name, request: { fn: 'test:register', paramsHash: name, windowMs: 30_000 } }, { actor: who.actor });
      const keys = async (who: typeof a) => (await engine.store.db.selectFrom('freenom_idempotency').select('params_hash')
        .where('account_id', '=', who.id).orderBy('params_hash').execute()).map((r) => r.params_hash);
      await register(b, 'prune-b1.com');
      await register(a, 'prune-1.com'); // T: a prune (nothing to prune)
      engine.clock.advance(500);
      await register(a, 'prune-2.com'); // T+0.5 s: none
      engine.clock.advance(29_700);
      await register(a, 'prune-3.com'); // T+30.2 s: a prune; prune-1 has expired, prune-2 not yet
      assert.deepEqual(await keys(a), ['prune-2.com', 'prune-3.com']);
      engine.clock.advance(500);
      await register(a, 'prune-4.com'); // T+30.7 s: prune-2 has expired, but the last prune was 0.5 s ago
      assert.deepEqual(await keys(a), ['prune-2.com', 'prune-3.com', 'prune-4.com']);
      engine.clock.advance(500);
      await register(a, 'prune-5.com'); // T+31.2 s: a prune
      assert.deepEqual(await keys(a), ['prune-3.com', 'prune-4.com', 'prune-5.com']);
      // One statement each; another account's expired key is its own account's to prune.
      assert.equal(counter.count, 6);
      assert.deepEqual(await keys(b), ['prune-b1.com']);
    });

    test('withAccount: the statement answers the account as it leaves it (a last row), on the transaction path it is read', async () => {
      const a = await newAccount(engine, { depositEur: '40.00' });
      const counter = new StatementCounter();
      const runner = createFlowRunner({ db: engine.store.db.withPlugin(counter), clock: engine.clock, policy: engine.policy });
      const [x, y, z] = await Promise.all([
        runner.run(registerDomain, { name: 'with-account-x.com', withAccount: true }, { actor: a.actor }),
        runner.run(registerDomain, { name: 'with-account-y.com' }, { actor: a.actor }),
        runner.run(registerDomain, { name: 'with-account-z.com', withAccount: true }, { actor: a.actor }),
      ]);
      assert.equal(counter.count, 1);
      const after = await engine.run(getAccount, {}, { actor: a.actor });
      const expected = { balances: after.balances, domainCount: 3 };
      assert.equal(after.domainCount, 3);
      assert.deepEqual(after.balances.map((b) => [b.currency, b.balanceMinor]), [['EUR', 4000 - 3 * 999]]);
      assert.deepEqual(x.account, expected);
      assert.deepEqual(z.account, expected);
      assert.equal(y.account, undefined);
      // In a transaction (a dry run), read after the writes: the dry run's own registration counted.
      const dry = await runner.run(registerDomain, { name: 'with-account-w.com', withAccount: true }, { actor: a.actor, dryRun: true });
      assert.deepEqual(dry.account, { balances: [{ ...after.balances[0]!, balanceMinor: 4000 - 4 * 999, availableMinor: 4000 - 4 * 999 }], domainCount: 4 });
    });
  });
}

/**
 * Which goes first when a statement returns and registrations wait: the
 * next statement (a database server works on it while this process renders
 * the answers) or the answers (the embedded database runs the next
 * statement on this thread). A driver that records when it is handed a
 * statement and answers each item `registered` stands in for the database.
 */
describe('registration batches: the next statement and the last answers, in order', () => {
  class RecordingDriver implements Driver {
    #statements = 0;
    /** `refuse`: a statement naming it fails as a whole (as on a constraint a concurrent writer broke). */
    constructor(readonly events: string[], readonly refuse?: string) {}
    async init(): Promise<void> {}
    async acquireConnection(): Promise<DatabaseConnection> {
      const { events, refuse } = this;
      const counted = () => ++this.#statements;
      return {
        async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
          const calls = JSON.parse(String(query.parameters[0])) as { domain: { name: string } }[];
          events.push(`statement ${counted()}: ${calls.map((c) => c.domain.name).join(' ')}`);
          // The database's time: a few turns of the event loop.
          await new Promise((r) => setTimeout(r, 5));
          if (calls.some((c) => c.domain.name === refuse)) throw Object.assign(new Error('refused by the test database'), { code: '23514' });
          const rows = calls.map((_, i) => ({ o_index: i, o_outcome: 'registered', o_currency: 'EUR', o_template: null, o_order_id: i + 1, o_order_number: String(i + 1), o_domain_id: i + 1, o_contact_ids: null, o_response: null }));
          return { rows: rows as R[] };
        },
        // eslint-disable-next-line require-yield
        async *streamQuery(): AsyncIterableIterator<QueryResult<never>> {
          throw new Error('not used');
        },
      };
    }
    async beginTransaction(): Promise<void> {}
    async commitTransaction(): Promise<void> {}
    async rollbackTransaction(): Promise<void> {}
    async releaseConnection(): Promise<void> {}
    async destroy(): Promise<void> {}
  }

  async function order(sendNextFirst: boolean, refuse?: string): Promise<string[]> {
    const events: string[] = [];
    const db = new Kysely<Database>({
      dialect: {
        createAdapter: () => new PostgresAdapter(),
        createDriver: () => new RecordingDriver(events, refuse),
        createIntrospector: (k) => new PostgresIntrospector(k),
        createQueryCompiler: () => new PostgresQueryCompiler(),
      },
    });
    configureRegistrationBatches(db, { sendNextFirst });
    const call = (name: string): RegistrationCall => ({
      account: 1, require_active: true, currency: null, prices: { EUR: 999 }, accept_total: null, order_status: 'completed', source: 'test',
      memo: `register ${name}`, now: new Date(0), refuse_template: true, domain: { name },
    });
    const register = (name: string) => registerInBatch(db, call(name)).then(
      (row) => events.push(`answered ${name}: ${row.o_outcome}`),
      (err: unknown) => events.push(`failed ${name}: ${(err as Error).message}`),
    );
    const first = register('a.com');
    // b and c arrive while a's statement is with the database (it answers 5 ms after it got it).
    for (let turns = 0; events.length === 0 && turns < 100; turns++) await new Promise((r) => setImmediate(r));
    assert.deepEqual(events, ['statement 1: a.com']);
    await Promise.all([first, register('b.com'), register('c.com')]);
    await db.destroy();
    return events;
  }

  test('a database server: the next statement is handed over before the callers of the last one are answered', async () => {
    assert.deepEqual(await order(true), ['statement 1: a.com', 'statement 2: b.com c.com', 'answered a.com: registered', 'answered b.com: registered', 'answered c.com: registered']);
  });

  test('a database server, a statement that fails as a whole: the last callers were answered; its items go again one at a time, each answered as it returns', async () => {
    assert.deepEqual(await order(true, 'c.com'), [
      'statement 1: a.com', 'statement 2: b.com c.com', 'answered a.com: registered',
      'statement 3: b.com', 'answered b.com: registered', 'statement 4: c.com', 'failed c.com: refused by the test database',
    ]);
  });

  test('the embedded database, a statement that fails as a whole: its items go again one at a time', async () => {
    assert.deepEqual(await order(false, 'c.com'), [
      'statement 1: a.com', 'answered a.com: registered', 'statement 2: b.com c.com',
      'statement 3: b.com', 'answered b.com: registered', 'statement 4: c.com', 'failed c.com: refused by the test database',
    ]);
  });

  test('the embedded database: the callers are answered as their statement returns, then the next one runs', async () => {
    assert.deepEqual(await order(false), ['statement 1: a.com', 'answered a.com: registered', 'statement 2: b.com c.com', 'answered b.com: registered', 'answered c.com: registered']);
  });
});

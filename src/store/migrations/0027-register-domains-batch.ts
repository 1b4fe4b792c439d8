/**
 * Several registrations of one account in one statement (issue 15):
 * regd_register_domains, and the two parameters of regd_register_domain it
 * needs.
 *
 * regd_register_domain (migrations 0008/0011/0025) takes two more
 * parameters, both defaulted, so every caller of the eleven-argument form is
 * unchanged:
 *
 * - `p_charge` (default true): false writes the order, its item, the ledger
 *   entry and the row but leaves the balance row to the caller, which
 *   charges the sum of a batch at once;
 * - `p_pending` (default null): the amounts per currency that the caller
 *   will charge for the batch's earlier items, so that the funds check (a
 *   read without a lock) asks for those plus this price.
 *
 * regd_register_domains(p_calls jsonb) takes a JSON array; each element
 * holds the arguments of one call (`account`, `require_active`,
 * `currency`, `prices`, `accept_total`, `order_status`, `source`, `memo`,
 * `now`, `domain`, `refuse_template`) and optionally `contacts`, contact
 * columns to fill by the account's public contact numbers
 * ({"registrant_contact_id": 12, …}), looked up under a key-share lock as
 * the one-call statement does (a number that is not one of the account's
 * contacts: outcome `contacts`, nothing written for that item). Every item
 * is written by regd_register_domain, so its guards, writes and outcomes are
 * exactly those of one call: an item a guard refuses writes nothing and the
 * others go on. The items run in the order of their names (two batches
 * naming the same two names queue on them in the same order, not
 * crosswise); each answers one row with its index in `p_calls`.
 *
 * One account's balance row is charged last, once per currency, with the
 * sum of the items registered, the funds checked again as it is written:
 * the row is locked from that update to the commit only, so two batches of
 * one account overlap everything but that. If a concurrent charge took the
 * funds meanwhile, the statement fails with SQLSTATE RG001 and has written
 * nothing (its caller then runs the items one at a time, each getting the
 * outcome one call gives, insufficient_funds included). A lone item is
 * charged by regd_register_domain itself, as one call is. Any other failure
 * the guards do not foresee (a unique or foreign-key violation from a
 * concurrent writer) ends the statement the same way.
 *
 * What the batch saves is what one call per registration costs beyond its
 * writes: a statement and its round trip, a commit and its WAL flush, and
 * the queue of one account's registrations on its balance row.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`drop function regd_register_domain(bigint, boolean, text, jsonb, bigint, text, text, text, timestamptz, jsonb, boolean)`.execute(db);
  await createRegisterFunction(db, 'always');
  await createBatchFunction(db);
}

/**
 * regd_register_domain as this migration creates it (`always`: its writes
 * in a subtransaction), or as 0030 does (`charging`: only when it charges
 * the balance itself; an item of a batch, charged by its caller, or a free
 * name has nothing to undo), or as 0031 does (`deferred`: as `charging`,
 * with two more parameters, `p_taken` and `p_defer`, for a batch that
 * writes its items' rows itself, in one insert).
 */
export async function createRegisterFunction(db: Kysely<unknown>, subtransaction: 'always' | 'charging' | 'deferred'): Promise<void> {
  const deferred = subtransaction === 'deferred';
  await sql`
    create or replace function regd_register_domain(
      p_account_id bigint,
      p_require_active boolean,
      p_currency text,
      p_prices jsonb,
      p_accept_total bigint,
      p_order_status text,
      p_source text,
      p_memo text,
      p_now timestamptz,
      p_domain jsonb,
      p_refuse_template boolean,
      p_charge boolean default true,
      p_pending jsonb default null,${deferred ? sql`
      p_taken jsonb default null,
      p_defer boolean default false,` : sql``}
      out o_outcome text,
      out o_currency text,
      out o_template jsonb,
      out o_order_id bigint,
      out o_order_number text,
      out o_domain_id bigint
    ) language plpgsql as $fn$
    declare
      v_status text;
      v_total bigint;
      v_row domains;
    begin
      select coalesce(p_currency, a.default_currency), a.status, nullif(d.template, '{}')
        into o_currency, v_status, o_template
        from accounts a left join account_defaults d on d.account_id = a.id
       where a.id = p_account_id;
      if not found then o_outcome := 'account_not_found'; return; end if;
      if p_require_active and v_status <> 'active' then o_outcome := 'account_suspended'; return; end if;
      if p_refuse_template and o_template is not null then o_outcome := 'template'; return; end if;

      v_row := jsonb_populate_record(null::domains, p_domain);
      perform from domains where name = v_row.name and released_at is null;
      if found then o_outcome := 'live_row'; return; end if;${deferred ? sql`
      -- A name an earlier item of the caller's batch registered, its row not written yet.
      if p_taken ? v_row.name then o_outcome := 'live_row'; return; end if;` : sql``}
      -- A bare name in an open backorder or registry_expired auction goes to
      -- the auction's winner at the close (the close ends the auction first).
      perform from auctions where domain_name = v_row.name and status = 0 and domain_id is null;
      if found then o_outcome := 'live_row'; return; end if;

      v_total := (p_prices ->> o_currency)::bigint;
      if v_total is null then o_outcome := 'not_priced'; return; end if;
      if p_accept_total is not null and p_accept_total <> v_total then o_outcome := 'price_mismatch'; return; end if;

      if v_total > 0 then
        -- The funds, read without a lock: the charge below checks them again as it writes.
        perform from balances
         where account_id = p_account_id and currency = o_currency
           and balance_minor - on_hold_minor >= v_total + coalesce((p_pending ->> o_currency)::bigint, 0);
        if not found then o_outcome := 'insufficient_funds'; return; end if;
      end if;

      ${writes(subtransaction)}
      o_outcome := 'registered';
    end
    $fn$;
  `.execute(db);
}

/**
 * The order, its item, the ledger entry and the row; `charged`: then the
 * charge, its funds checked again as it is written. `deferrable`: with
 * `p_defer`, the row's id is drawn but the row is left to the caller.
 */
function writeStatements(charged: boolean, deferrable = false) {
  return sql`
      insert into orders (account_id, kind, status, currency, amount_minor, source, created_at, updated_at)
        values (p_account_id, 'register', p_order_status, o_currency, v_total, p_source, p_now, p_now)
        returning id, number into o_order_id, o_order_number;
      insert into order_items (order_id, position, kind, domain_name, period_months, amount_minor, status)
        values (o_order_id, 1, 'register', v_row.name, v_row.period_months, v_total, p_order_status);
      if v_total > 0 then
        insert into ledger_entries (account_id, currency, kind, amount_minor, order_id, memo, created_at)
          values (p_account_id, o_currency, 'charge', v_total, o_order_id, p_memo, p_now);
      end if;

      v_row.id := nextval('domains_id_seq');
      v_row.order_id := o_order_id;
      ${deferrable ? sql`if not p_defer then insert into domains select v_row.*; end if;` : sql`insert into domains select v_row.*;`}
      o_domain_id := v_row.id;
${charged ? sql`
      if v_total > 0 and p_charge then
        update balances set balance_minor = balance_minor - v_total
         where account_id = p_account_id and currency = o_currency and balance_minor - on_hold_minor >= v_total;
        -- An own SQLSTATE, so that no other failure is taken for this one.
        if not found then raise exception 'funds gone' using errcode = 'RG001'; end if;
      end if;` : sql``}`;
}

/** The writes, the charge last, in a subtransaction (always, or only when this call charges). */
function writes(subtransaction: 'always' | 'charging' | 'deferred') {
  // A block with an exception clause is a subtransaction: if a concurrent charge took the funds since the read above, its
  // writes are undone and the outcome is insufficient_funds, as when the guard refuses (nothing written, the caller's
  // transaction intact).
  const undone = sql`
      begin
      ${writeStatements(true)}
      exception when sqlstate 'RG001' then
        o_order_id := null; o_order_number := null; o_domain_id := null;
        o_outcome := 'insufficient_funds';
        return;
      end;`;
  if (subtransaction === 'always') return undone;
  // Nothing charged here (a free name, or an item of a batch its caller charges): nothing can need undoing.
  return sql`
      if v_total > 0 and p_charge then
      ${undone}
      else
      ${writeStatements(false, subtransaction === 'deferred')}
      end if;`;
}

/** regd_register_domains as this migration creates it (0028's down creates it again). */
export async function createBatchFunction(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function regd_register_domains(p_calls jsonb)
      returns table (
        o_index int, o_outcome text, o_currency text, o_template jsonb,
        o_order_id bigint, o_order_number text, o_domain_id bigint, o_contact_ids jsonb
      )
    language plpgsql as $fn$
    declare
      c record;
      r record;
      v_account bigint;
      v_domain jsonb;
      v_found int;
      v_alone boolean := jsonb_array_length(p_calls) = 1;
      v_pending jsonb := '{}';
      v_charged record;
      v_total bigint;
    begin
      for c in
        select (t.ord - 1)::int as i, t.e from jsonb_array_elements(p_calls) with ordinality as t(e, ord)
         order by t.e -> 'domain' ->> 'name', t.ord
      loop
        if v_account is not null and v_account <> (c.e ->> 'account')::bigint then
          raise exception 'regd_register_domains: one account per batch';
        end if;
        v_account := (c.e ->> 'account')::bigint;
        v_domain := c.e -> 'domain';
        o_index := c.i;
        o_contact_ids := null;
        if c.e ? 'contacts' then
          select jsonb_object_agg(k.key, ct.id), count(ct.id)
            into o_contact_ids, v_found
            from jsonb_each_text(c.e -> 'contacts') k
            join (
              select id, number from contacts
               where account_id = v_account
                 and number in (select value::bigint from jsonb_each_text(c.e -> 'contacts'))
               for key share
            ) ct on ct.number = k.value::bigint;
          if v_found <> (select count(*) from jsonb_object_keys(c.e -> 'contacts')) then
            o_outcome := 'contacts'; o_currency := null; o_template := null;
            o_order_id := null; o_order_number := null; o_domain_id := null; o_contact_ids := null;
            return next;
            continue;
          end if;
          v_domain := v_domain || o_contact_ids;
        end if;
        select * into r from regd_register_domain(
          v_account, (c.e ->> 'require_active')::boolean, c.e ->> 'currency', c.e -> 'prices',
          (c.e ->> 'accept_total')::bigint, c.e ->> 'order_status', c.e ->> 'source', c.e ->> 'memo',
          (c.e ->> 'now')::timestamptz, v_domain, (c.e ->> 'refuse_template')::boolean,
          v_alone, v_pending);
        if r.o_outcome = 'registered' and not v_alone then
          v_total := (c.e -> 'prices' ->> r.o_currency)::bigint;
          if v_total > 0 then
            v_pending := v_pending || jsonb_build_object(r.o_currency, coalesce((v_pending ->> r.o_currency)::bigint, 0) + v_total);
          end if;
        end if;
        o_outcome := r.o_outcome; o_currency := r.o_currency; o_template := r.o_template;
        o_order_id := r.o_order_id; o_order_number := r.o_order_number; o_domain_id := r.o_domain_id;
        return next;
      end loop;
      -- The charges, last: one update per currency, the funds checked again as it is written.
      for v_charged in select key as currency, value::bigint as total from jsonb_each_text(v_pending) loop
        update balances set balance_minor = balance_minor - v_charged.total
         where account_id = v_account and currency = v_charged.currency and balance_minor - on_hold_minor >= v_charged.total;
        if not found then raise exception 'funds gone' using errcode = 'RG001'; end if;
      end loop;
    end
    $fn$;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop function regd_register_domains(jsonb)`.execute(db);
  await sql`drop function regd_register_domain(bigint, boolean, text, jsonb, bigint, text, text, text, timestamptz, jsonb, boolean, boolean, jsonb)`.execute(db);
  // 0025's up creates the eleven-argument function again.
  const { up: up0025 } = await import('./0025-register-domain-auctions-charge-last.ts');
  await up0025(db);
}

/**
 * regd_register_domain (migrations 0008, 0011) learns two things:
 *
 * - A bare name that is being auctioned is not free: an open `backorder`
 *   or `registry_expired` auction (migration 0019; domain_id null) gives
 *   the name to its winner at the close, so until then the statement
 *   answers `live_row`, as for a registered name (issue 19). The auction's
 *   close sets its status before registering the name to the winner.
 * - It charges the balance last (issue 15). It reads the funds first
 *   without a lock (outcome `insufficient_funds`, nothing written, as
 *   before), writes the order, its item, the ledger entry and the domain
 *   row, and only then charges the balance row, checking the funds again as
 *   it writes. The account's balance row is thus locked from the charge to
 *   the commit, not through the four inserts and their triggers:
 *   registrations of one account, which all charge that row, no longer wait
 *   for each other's inserts (at 10 connections they ran barely faster than
 *   at one). A charge that finds the funds gone (a concurrent charge won the
 *   race) undoes the writes (a subtransaction) and answers
 *   `insufficient_funds`, so callers see the same outcomes as before.
 *
 * Same signature as 0011.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
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
      if found then o_outcome := 'live_row'; return; end if;
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
         where account_id = p_account_id and currency = o_currency and balance_minor - on_hold_minor >= v_total;
        if not found then o_outcome := 'insufficient_funds'; return; end if;
      end if;

      -- The writes, the charge last. A block with an exception clause is a
      -- subtransaction: if a concurrent charge took the funds since the read
      -- above, its writes are undone and the outcome is insufficient_funds,
      -- as when the guard refuses (nothing written, the caller's transaction
      -- intact).
      begin
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
      insert into domains select v_row.*;
      o_domain_id := v_row.id;

      if v_total > 0 then
        update balances set balance_minor = balance_minor - v_total
         where account_id = p_account_id and currency = o_currency and balance_minor - on_hold_minor >= v_total;
        -- An own SQLSTATE, so that no other failure is taken for this one.
        if not found then raise exception 'funds gone' using errcode = 'RG001'; end if;
      end if;
      exception when sqlstate 'RG001' then
        o_order_id := null; o_order_number := null; o_domain_id := null;
        o_outcome := 'insufficient_funds';
        return;
      end;
      o_outcome := 'registered';
    end
    $fn$;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // 0011's up replaces 0008's function: give it one to drop, then it makes its own.
  await sql`drop function regd_register_domain(bigint, boolean, text, jsonb, bigint, text, text, text, timestamptz, jsonb, boolean)`.execute(db);
  await sql`create function regd_register_domain(bigint, boolean, text, jsonb, bigint, text, text, text, timestamptz, jsonb) returns void language sql as 'select'`.execute(db);
  const { up: up0011 } = await import('./0011-registration-autocommit.ts');
  await up0011(db);
}

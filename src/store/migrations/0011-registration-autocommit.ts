/**
 * regd_register_domain (migration 0008) learns one more guard, so that it
 * can run on its own outside a transaction (the runner's one-statement path,
 * src/core/run-flow.ts): with p_refuse_template set, an account that has
 * registration defaults gets outcome `template` before any write, since
 * applying those defaults takes further statements, which must share the
 * registration's transaction. Everything else is as in 0008.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`drop function regd_register_domain(bigint, boolean, text, jsonb, bigint, text, text, text, timestamptz, jsonb)`.execute(db);
  await sql`
    create function regd_register_domain(
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

      v_total := (p_prices ->> o_currency)::bigint;
      if v_total is null then o_outcome := 'not_priced'; return; end if;
      if p_accept_total is not null and p_accept_total <> v_total then o_outcome := 'price_mismatch'; return; end if;

      if v_total > 0 then
        update balances set balance_minor = balance_minor - v_total
         where account_id = p_account_id and currency = o_currency and balance_minor - on_hold_minor >= v_total;
        if not found then o_outcome := 'insufficient_funds'; return; end if;
      end if;

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
      o_outcome := 'registered';
    end
    $fn$;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop function regd_register_domain(bigint, boolean, text, jsonb, bigint, text, text, text, timestamptz, jsonb, boolean)`.execute(db);
  const { up: up0008 } = await import('./0008-registration-path.ts');
  await up0008(db);
}

/**
 * The registration hot path in one statement: `regd_register_domain` checks
 * the account, the name and the funds and, when all is ordinary, writes the
 * charge, the order, its item, the ledger entry and the domain row, returning
 * the new row. registerDomain (src/core/flows/domains/register-domain.ts)
 * decides everything else in TypeScript beforehand: the name, the policy,
 * the price per currency, the service, the contacts, the new row itself.
 *
 * Why a function: a registration used to be nine statements plus BEGIN and
 * COMMIT; each one a round trip, parsed and planned anew. PL/pgSQL keeps the
 * plans of its statements per connection, and the whole thing is one round
 * trip (issue 2, registration ≥ 0.25 × a raw point select).
 *
 * Contract: every guard runs before the first write, and a guard that fails
 * returns its outcome having written nothing, so the caller can take the
 * step-by-step path, which raises the precise error in the flow's usual
 * order (or settles a projected-released row and registers). Outcomes:
 *   registered          the row is in; its id, the order's id and number are returned
 *   account_not_found   no such account
 *   account_suspended   the account is suspended and p_require_active is set
 *   live_row            a live row holds the name (taken, quarantined or due for release)
 *   not_priced          the currency is not in p_prices
 *   price_mismatch      p_accept_total is set and differs from the price
 *   insufficient_funds  the available balance does not cover the price
 * A concurrent registration of the same name that commits first still makes
 * the insert fail on domains_live_name_key, as before.
 *
 * The new row comes as jsonb with every column but id and order_id (the
 * caller builds it from the full row type, so a new column cannot be
 * forgotten there); jsonb_populate_record types it against the table.
 * Only the ids come back: the row is exactly what the caller sent (no
 * trigger or default touches it), and sending 38 columns back costs a
 * quarter of the call on PGlite. o_template is the account's defaults
 * template when it has any (the caller then applies them).
 * The money movement mirrors src/core/money/ledger.ts `charge`: the balance
 * update checks the available balance in the same statement.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
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
  await sql`drop function regd_register_domain`.execute(db);
}

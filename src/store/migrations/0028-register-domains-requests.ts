/**
 * Issue 15: an idempotent registration (Freenom's `domain/register`, "POST
 * actions are idempotent for 30 seconds") written in the batch statement
 * with its claim, instead of a transaction of five statements.
 *
 * regd_register_domains (migration 0027) again, with one more optional
 * field per item and one more column per answer:
 *
 * - `request` ({"fn", "params_hash", "cutoff"}): the item is an idempotent
 *   registration request (core's claimRequest, freenom_idempotency). The
 *   account's keys older than the window (created at or before `cutoff`)
 *   are pruned (once per statement); a key within the window (a success
 *   committed before, or an earlier item of this statement) answers
 *   `replay` with its stored record in `o_response`, and nothing is
 *   written for the item. Otherwise the item registers, and only a
 *   registration stores its key and record (one insert, no claim row to
 *   update or delete). No claim is needed before the registration: a
 *   repeat is the same name, so two repeats in flight at once meet on the
 *   live-name index — the second waits for the first's commit and fails
 *   with it, and its caller, alone and then in a transaction, finds the
 *   first's key there (claimRequest) and replays it.
 * - `keep`: what the record holds besides the statement's own results,
 *   chosen by the caller: the record is `keep` without its `quotes`, plus
 *   `row` (the domain row written, with its ids), `orderNumber`, and
 *   `quote`, the element of `keep.quotes` in the currency charged.
 *
 * - `summary` (true): the caller also wants the account as the statement
 *   leaves it. After the items and the charges, the statement answers one
 *   more row, `o_index` -1 and `o_outcome` 'account', whose `o_response`
 *   holds the account's balances (`[[currency, balance, on hold], …]`, by
 *   currency) and its live domain count (`domainCount`), read after the
 *   writes: what a read right after the registration shows (KifDom's meta
 *   block), without that read.
 *
 * Contacts by number (`contacts`) are looked up once per statement, all
 * the items' numbers in one read under the same key-share lock 0027 takes
 * per item (an account's registrations mostly name the same few
 * contacts); an item naming a number that is not one of the account's
 * contacts answers `contacts`, as in 0027.
 *
 * An item without `request` or `summary` is otherwise written as in 0027.
 */
import { sql, type Kysely } from 'kysely';
import { createBatchFunction } from './0027-register-domains-batch.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`drop function regd_register_domains(jsonb)`.execute(db);
  await createRequestsBatchFunction(db, 'every');
}

/**
 * regd_register_domains as this migration creates it (`every`: a statement
 * with a request prunes the account's expired keys), or as 0029 does
 * (`asked`: only when one of its requests says `"prune": true`), or as 0031
 * does (`asked`, and `deferRows`: the items' rows written after them, in one
 * insert, with regd_register_domain's `p_taken` and `p_defer`).
 */
export async function createRequestsBatchFunction(db: Kysely<unknown>, prune: 'every' | 'asked', deferRows = false): Promise<void> {
  const pruneNow = prune === 'every' ? sql`not v_pruned` : sql`not v_pruned and coalesce((v_request ->> 'prune')::boolean, false)`;
  await sql`
    create or replace function regd_register_domains(p_calls jsonb)
      returns table (
        o_index int, o_outcome text, o_currency text, o_template jsonb,
        o_order_id bigint, o_order_number text, o_domain_id bigint, o_contact_ids jsonb, o_response text
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
      v_request jsonb;
      v_pruned boolean := false;
      v_summary boolean := false;
      v_known jsonb := '{}';${deferRows ? sql`
      v_taken jsonb := '{}';
      v_rows jsonb := '[]';` : sql``}
    begin
      -- Every contact number the items name, looked up at once (number → id), held under a key-share lock until the rows refer to them.
      if p_calls @? '$[*].contacts' then
        select coalesce(jsonb_object_agg(ct.number::text, ct.id), '{}') into v_known
          from (
            select id, number from contacts
             where account_id = (p_calls -> 0 ->> 'account')::bigint
               and number in (select k.value::bigint from jsonb_array_elements(p_calls) e, jsonb_each_text(e -> 'contacts') k)
             for key share
          ) ct;
      end if;
      for c in
        select (t.ord - 1)::int as i, t.e from jsonb_array_elements(p_calls) with ordinality as t(e, ord)
         order by t.e -> 'domain' ->> 'name', t.ord
      loop
        if v_account is not null and v_account <> (c.e ->> 'account')::bigint then
          raise exception 'regd_register_domains: one account per batch';
        end if;
        v_account := (c.e ->> 'account')::bigint;
        v_domain := c.e -> 'domain';
        v_request := c.e -> 'request';
        v_summary := v_summary or coalesce((c.e ->> 'summary')::boolean, false);
        o_index := c.i;
        o_contact_ids := null;
        o_response := null;
        if c.e ? 'contacts' then
          select jsonb_object_agg(k.key, v_known -> k.value) filter (where v_known ? k.value), count(*) filter (where not v_known ? k.value)
            into o_contact_ids, v_found
            from jsonb_each_text(c.e -> 'contacts') k;
          if v_found > 0 then
            o_outcome := 'contacts'; o_currency := null; o_template := null;
            o_order_id := null; o_order_number := null; o_domain_id := null; o_contact_ids := null;
            return next;
            continue;
          end if;
          v_domain := v_domain || coalesce(o_contact_ids, '{}');
        end if;
        if v_request is not null then
          if ${pruneNow} then
            delete from freenom_idempotency
             where account_id = v_account and created_at <= (v_request ->> 'cutoff')::timestamptz;
            v_pruned := true;
          end if;
          select f.response into o_response from freenom_idempotency f
           where f.account_id = v_account and f.function = v_request ->> 'fn' and f.params_hash = v_request ->> 'params_hash'
             and f.created_at > (v_request ->> 'cutoff')::timestamptz;
          if found then
            o_outcome := 'replay'; o_currency := null; o_template := null;
            o_order_id := null; o_order_number := null; o_domain_id := null; o_contact_ids := null;
            return next;
            continue;
          end if;
        end if;
        select * into r from regd_register_domain(
          v_account, (c.e ->> 'require_active')::boolean, c.e ->> 'currency', c.e -> 'prices',
          (c.e ->> 'accept_total')::bigint, c.e ->> 'order_status', c.e ->> 'source', c.e ->> 'memo',
          (c.e ->> 'now')::timestamptz, v_domain, (c.e ->> 'refuse_template')::boolean,
          v_alone, v_pending${deferRows ? sql`, v_taken, not v_alone` : sql``});
        if r.o_outcome = 'registered' and not v_alone then${deferRows ? sql`
          -- The row, written with the others after the items (one insert: the domain-count trigger runs once, not per row).
          v_taken := v_taken || jsonb_build_object(v_domain ->> 'name', true);
          v_rows := v_rows || jsonb_build_array(v_domain || jsonb_build_object('id', r.o_domain_id, 'order_id', r.o_order_id));` : sql``}
          v_total := (c.e -> 'prices' ->> r.o_currency)::bigint;
          if v_total > 0 then
            v_pending := v_pending || jsonb_build_object(r.o_currency, coalesce((v_pending ->> r.o_currency)::bigint, 0) + v_total);
          end if;
        end if;
        if v_request is not null and r.o_outcome = 'registered' then
          -- A row still there is older than the window (the prune used the first item's cutoff): taken over.
          insert into freenom_idempotency (account_id, function, params_hash, response, created_at)
            values (
              v_account, v_request ->> 'fn', v_request ->> 'params_hash',
              ((coalesce(c.e -> 'keep', '{}') - 'quotes')
                || jsonb_build_object(
                     'row', v_domain || jsonb_build_object('id', r.o_domain_id, 'order_id', r.o_order_id),
                     'orderNumber', r.o_order_number,
                     'quote', c.e -> 'keep' -> 'quotes' -> r.o_currency))::text,
              (c.e ->> 'now')::timestamptz)
            on conflict (account_id, function, params_hash) do update set response = excluded.response, created_at = excluded.created_at;
        end if;
        o_outcome := r.o_outcome; o_currency := r.o_currency; o_template := r.o_template;
        o_order_id := r.o_order_id; o_order_number := r.o_order_number; o_domain_id := r.o_domain_id;
        return next;
      end loop;${deferRows ? sql`
      -- The items' rows, in the order of their names (as the items ran).
      insert into domains select d.* from jsonb_array_elements(v_rows) e cross join lateral jsonb_populate_record(null::domains, e) d;` : sql``}
      -- The charges, last: one update per currency, the funds checked again as it is written.
      for v_charged in select key as currency, value::bigint as total from jsonb_each_text(v_pending) loop
        update balances set balance_minor = balance_minor - v_charged.total
         where account_id = v_account and currency = v_charged.currency and balance_minor - on_hold_minor >= v_charged.total;
        if not found then raise exception 'funds gone' using errcode = 'RG001'; end if;
      end loop;
      if v_summary then
        o_index := -1; o_outcome := 'account'; o_currency := null; o_template := null;
        o_order_id := null; o_order_number := null; o_domain_id := null; o_contact_ids := null;
        o_response := jsonb_build_object(
          'balances', coalesce((
            select jsonb_agg(jsonb_build_array(b.currency, b.balance_minor, b.on_hold_minor) order by b.currency)
              from balances b where b.account_id = v_account), '[]'),
          'domainCount', coalesce((select sum(n.live) from account_domain_counts n where n.account_id = v_account), 0)
        )::text;
        return next;
      end if;
    end
    $fn$;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop function regd_register_domains(jsonb)`.execute(db);
  await createBatchFunction(db);
}

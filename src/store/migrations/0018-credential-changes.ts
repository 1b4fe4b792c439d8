/**
 * The credentials change log: what a process's verified-credentials cache
 * (src/core/credentials-cache.ts) must forget, written by triggers in the
 * writing transaction, so no writer can forget it (a flow, an import, a
 * hand-written UPDATE). Each server reads it like the DNS change log
 * (migration 0014, src/core/publication/change-feed.ts: the same xid mark)
 * and drops what it names.
 *
 *   kind 'a'  an account (ref: accounts.id): its row was updated in any
 *             column (password, API key, WAPI password, status, level,
 *             e-mail, profile…) or deleted; or one of its KifDom tokens was
 *             revoked (an insert into kifdom_revoked_tokens); or its WAPI
 *             address allowlist changed (wapi_ip_allow);
 *   kind 'l'  a login name (ref: the first 52 bits of its SHA-256, the
 *             `login_hash` of login_failures, as a number): a failed login
 *             was counted or a lock began, so the next right password of
 *             that login goes to the database again (it clears the count,
 *             or is refused by the lock);
 *   kind '*'  accounts, kifdom_revoked_tokens, wapi_ip_allow or
 *             login_failures was truncated: forget everything.
 *
 * Inserting an account needs no row (nothing of it can be cached yet), nor
 * does deleting login_failures rows (a success or a new password: nothing
 * cached becomes wrong).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table credential_changes (
      seq bigserial not null,
      xid xid8 not null default pg_current_xact_id(),
      kind "char" not null,
      ref bigint not null,
      primary key (xid, seq)
    );
    create table credential_changes_pruned (below xid8 not null);
    insert into credential_changes_pruned (below) values ('0');

    create function regd_credential_change_account() returns trigger language plpgsql as $$
    begin
      insert into credential_changes (kind, ref) values ('a', case when tg_op = 'DELETE' then old.id else new.id end);
      return null;
    end $$;
    create function regd_credential_change_token() returns trigger language plpgsql as $$
    begin
      insert into credential_changes (kind, ref) values ('a', new.account_id);
      return null;
    end $$;
    create function regd_credential_change_networks() returns trigger language plpgsql as $$
    begin
      insert into credential_changes (kind, ref) values ('a', case when tg_op = 'DELETE' then old.account_id else new.account_id end);
      return null;
    end $$;
    create function regd_credential_change_login() returns trigger language plpgsql as $$
    begin
      insert into credential_changes (kind, ref) values ('l', ('x' || substr(new.login_hash, 1, 13))::bit(52)::bigint);
      return null;
    end $$;
    create function regd_credential_change_truncate() returns trigger language plpgsql as $$
    begin
      insert into credential_changes (kind, ref) values ('*', 0);
      return null;
    end $$;

    create trigger credential_change_delete after delete on accounts
      for each row execute function regd_credential_change_account();
    create trigger credential_change_update after update on accounts
      for each row execute function regd_credential_change_account();
    create trigger credential_change_insert after insert on kifdom_revoked_tokens
      for each row execute function regd_credential_change_token();
    create trigger credential_change_write after insert or update or delete on wapi_ip_allow
      for each row execute function regd_credential_change_networks();
    create trigger credential_change_insert_update after insert or update on login_failures
      for each row execute function regd_credential_change_login();

    create trigger credential_change_truncate after truncate on accounts for each statement execute function regd_credential_change_truncate();
    create trigger credential_change_truncate after truncate on kifdom_revoked_tokens for each statement execute function regd_credential_change_truncate();
    create trigger credential_change_truncate after truncate on wapi_ip_allow for each statement execute function regd_credential_change_truncate();
    create trigger credential_change_truncate after truncate on login_failures for each statement execute function regd_credential_change_truncate();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop trigger credential_change_delete on accounts;
    drop trigger credential_change_update on accounts;
    drop trigger credential_change_truncate on accounts;
    drop trigger credential_change_insert on kifdom_revoked_tokens;
    drop trigger credential_change_truncate on kifdom_revoked_tokens;
    drop trigger credential_change_write on wapi_ip_allow;
    drop trigger credential_change_truncate on wapi_ip_allow;
    drop trigger credential_change_insert_update on login_failures;
    drop trigger credential_change_truncate on login_failures;
    drop function regd_credential_change_account();
    drop function regd_credential_change_token();
    drop function regd_credential_change_networks();
    drop function regd_credential_change_login();
    drop function regd_credential_change_truncate();
    drop table credential_changes_pruned;
    drop table credential_changes;
  `.execute(db);
}

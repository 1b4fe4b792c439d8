/**
 * A comment per DNS record (issue 18, WEDOS `dns-row-add` `auth_comment`,
 * shown as `author_comment` by dns-rows-list and dns-row-detail beside
 * `changed_date`, which is the row's `updated_at`). '' when none was given.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table dns_records add column comment text not null default ''`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table dns_records drop column comment`.execute(db);
}

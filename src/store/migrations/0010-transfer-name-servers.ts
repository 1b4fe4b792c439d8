/**
 * The name servers a transfer sets when the domain arrives (WEDOS
 * domain-transfer `dns`): null keeps the domain's own delegation, `[]`
 * means regd's own name servers, a list of host names sets them. Checked
 * at request time and kept on the transfer, like its contacts, so a
 * pending transfer applies them whoever completes it.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table transfers add column name_servers jsonb`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table transfers drop column name_servers`.execute(db);
}

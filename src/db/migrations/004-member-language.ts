// Migration 4: the language a member registered in, so that what is made for them outside a request (a reset link) is in it.
import type { Kysely } from 'kysely';

/**
 * users.language: the code of the forum's language (src/content/languages.ts) whose register form made the account.
 * Members from before it registered when the forum was English only, so they are 'en', as accounts the command line makes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('language', 'text', (column) => column.notNull().defaultTo('en'))
    .execute();
}

// The site secret that the first migration made, and the keys derived from it for each purpose (client keys, form stamps).
import { createHmac } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../db/schema.js';

/** The 32 secret bytes shared by every server on this database. */
export async function loadSiteSecret(db: Kysely<DatabaseSchema>): Promise<Buffer> {
  const row = await db.selectFrom('site_secret').select('secret').where('id', '=', 1).executeTakeFirstOrThrow();
  return Buffer.from(row.secret, 'base64url');
}

/** A key for one purpose: a leak of one derived key (a salt, say) reveals neither the secret nor the other keys. */
export function deriveKey(secret: Buffer, purpose: string): Buffer {
  return createHmac('sha256', secret).update(purpose).digest();
}

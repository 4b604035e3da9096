// Password hashing: argon2id with OWASP's parameters, the same normalisation for hashing and checking, no logging.
import { hash, parseOptions, verify, type Algorithm, type Options } from '@node-rs/argon2';

/**
 * OWASP Password Storage Cheat Sheet, argon2id: m=19 MiB, t=2, p=1. They are also @node-rs/argon2's defaults, written
 * out so that a change of the library's defaults cannot change ours unseen. About 50 ms a hash on this machine, run on
 * libuv's thread pool, so the event loop keeps serving while a login is checked.
 */
const ARGON2ID = 2 as Algorithm;
export const ARGON2_OPTIONS: Readonly<Options> = Object.freeze({ algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 });

/**
 * NFKC, as NIST SP 800-63B asks: the same password typed on another keyboard or pasted from elsewhere ("ﬁ" and "fi",
 * full-width digits) hashes the same. Length rules count code points of this form.
 */
export function normalizePassword(password: string): string {
  return password.normalize('NFKC');
}

/** The PHC string to store ($argon2id$v=19$m=19456,t=2,p=1$salt$hash), with a fresh random salt. */
export function hashPassword(password: string): Promise<string> {
  return hash(normalizePassword(password), ARGON2_OPTIONS);
}

/** Whether password matches a stored hash. A damaged hash is a mismatch, never an error that could carry the password. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, normalizePassword(password));
  } catch {
    return false;
  }
}

/** True when a stored hash was made with other parameters than today's: rehash it at the next successful login. */
export function needsRehash(stored: string): boolean {
  try {
    const options = parseOptions(stored);
    return (
      options.algorithm !== ARGON2_OPTIONS.algorithm ||
      options.memoryCost !== ARGON2_OPTIONS.memoryCost ||
      options.timeCost !== ARGON2_OPTIONS.timeCost ||
      options.parallelism !== ARGON2_OPTIONS.parallelism
    );
  } catch {
    return true;
  }
}

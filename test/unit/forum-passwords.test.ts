// Passwords: argon2id with OWASP's parameters, and the policy that refuses short, long, patterned and common passwords.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hash } from '@node-rs/argon2';
import { PROJECT_PATHS } from '../../src/project-paths.js';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, PasswordPolicy } from '../../src/forum/password-policy.js';
import { hashPassword, needsRehash, verifyPassword } from '../../src/forum/passwords.js';

const GOOD = 'correct horse battery staple';

describe('hashPassword and verifyPassword', () => {
  it('hash with argon2id, m=19456 KiB, t=2, p=1 (OWASP), and a fresh salt each time', async () => {
    const [first, second] = await Promise.all([hashPassword(GOOD), hashPassword(GOOD)]);
    assert.match(first, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    assert.notEqual(first, second);
    assert.ok(!first.includes(GOOD));
  });

  it('accept the password and refuse any other', async () => {
    const stored = await hashPassword(GOOD);
    assert.equal(await verifyPassword(stored, GOOD), true);
    assert.equal(await verifyPassword(stored, 'correct horse battery stapler'), false);
    assert.equal(await verifyPassword(stored, ''), false);
  });

  it('treat the same password typed as compatibility characters as the same (NFKC)', async () => {
    const stored = await hashPassword('ﬁsh and chips on the shore'); // the "ﬁ" ligature
    assert.equal(await verifyPassword(stored, 'fish and chips on the shore'), true);
    assert.equal(await verifyPassword(await hashPassword('１２３ full width digits here'), '123 full width digits here'), true);
  });

  it('answer false for a damaged hash rather than throw', async () => {
    assert.equal(await verifyPassword('not a hash', GOOD), false);
    assert.equal(await verifyPassword('$argon2id$v=19$m=19456,t=2,p=1$broken', GOOD), false);
  });

  it('tell a hash made with older parameters, to be rehashed at the next login', async () => {
    assert.equal(needsRehash(await hashPassword(GOOD)), false);
    assert.equal(needsRehash(await hash(GOOD, { timeCost: 1, memoryCost: 8192 })), true);
    assert.equal(needsRehash('not a hash'), true);
  });
});

describe('PasswordPolicy', () => {
  const policy = PasswordPolicy.fromFile(PROJECT_PATHS.commonPasswords);

  it('ships a list of at least 10,000 common passwords', () => {
    assert.ok(policy.listSize >= 10_000, String(policy.listSize));
  });

  it(`accepts passphrases of ${MIN_PASSWORD_LENGTH} characters or more, in any script, without composition rules`, () => {
    for (const password of [GOOD, 'Тоо-Ала-Тоо жайлоосу 2026', 'x7#kQ9!vL2@pZ4m', 'Ысык-Көл жайкы эс алуу']) {
      assert.equal(policy.check(password), undefined, password);
    }
  });

  it(`refuses fewer than ${MIN_PASSWORD_LENGTH} characters, counted as code points`, () => {
    assert.equal(policy.check('x7#kQ9!vL2@pZ4'), 'too-short');
    assert.equal(policy.check('😀'.repeat(7) + 'ab'), 'too-short', '9 characters, 16 UTF-16 units');
    assert.equal(policy.check(''), 'too-short');
  });

  it(`refuses more than ${MAX_PASSWORD_LENGTH} characters`, () => {
    assert.equal(policy.check('a b'.repeat(43)), 'too-long');
    assert.equal(policy.check(`${GOOD} `.repeat(4).slice(0, MAX_PASSWORD_LENGTH)), 'repetitive');
  });

  it('refuses control characters', () => {
    assert.equal(policy.check('correct horse\u0000battery'), 'control-character');
    assert.equal(policy.check('correct horse\nbattery staple'), 'control-character');
  });

  it('refuses a password that contains the username, in any case', () => {
    assert.equal(policy.check('Aida.Bekova is my name', { username: 'aida.bekova' }), 'contains-username');
    assert.equal(policy.check(GOOD, { username: 'aida.bekova' }), undefined);
  });

  it('refuses a few characters repeated', () => {
    for (const password of ['aaaaaaaaaaaaaaaa', 'abcabcabcabcabcabc', 'Password!Password!']) assert.equal(policy.check(password), 'repetitive', password);
  });

  it('refuses runs of digits, letters and keys, forwards and backwards, Latin and Cyrillic', () => {
    for (const password of ['1234567890123456', '9876543210987654', 'qwertyuiopasdfgh', 'abcdefghijklmnop', 'йцукенгшщзхъфыва']) {
      assert.equal(policy.check(password), 'sequence', password);
    }
  });

  it('refuses a common password, also with digits and symbols around it, and the site’s own name', () => {
    for (const password of ['mailcreated5240', 'iloveyou12345678', '2024!!sunshine!!2024', 'Kyrgyzstan2026!!!', 'Bishkek 1234567890']) {
      assert.equal(policy.check(password), 'common', password);
    }
  });
});

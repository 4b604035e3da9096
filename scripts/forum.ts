// npm run forum -- create-admin NAME | reset-link NAME | backup FILE: the forum's operator commands.
import path from 'node:path';
import { databaseOptions, loadConfig, type Config } from '../src/config.js';
import { backupSqlite } from '../src/db/backup.js';
import { openDatabase } from '../src/db/database.js';
import { createForum } from '../src/forum/forum.js';
import { PASSWORD_MESSAGES } from '../src/forum/password-policy.js';
import { USERNAME_MESSAGES } from '../src/forum/usernames.js';
import { PROJECT_PATHS } from '../src/project-paths.js';
import { resetLink } from '../src/routes/forum/reset.js';
import { readPasswordTwice } from './lib/read-passwords.js';

const USAGE = `usage:
  npm run forum -- create-admin NAME   create an administrator; asks for the password twice (or reads two lines from stdin)
  npm run forum -- reset-link NAME     print a one-time link (24 hours) with which the member NAME chooses a new password
  npm run forum -- backup FILE         write a consistent copy of the forum's SQLite database to FILE while the site runs`;

/** Exit codes: 0 done, 1 refused or failed (the message says why), 2 wrong usage. */
function fail(message: string, code = 1): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

async function createAdmin(config: Config, name: string): Promise<void> {
  const [password, again] = await readPasswordTwice();
  if (password !== again) fail('The two passwords do not match. Nothing was changed.');
  const database = await openDatabase(databaseOptions(config));
  try {
    const forum = await createForum({ database, policy: PROJECT_PATHS.commonPasswords });
    const result = await forum.accounts.createAdmin(name, password);
    if (result.status === 'created') {
      process.stdout.write(`Created administrator ${result.member.username} in ${database.location}.\n`);
      return;
    }
    if (result.status === 'throttled') fail('Try again later.');
    const { username, password: passwordProblem } = result.problems;
    const messages = [
      username === 'taken' ? `The username ${name} is taken` : username && USERNAME_MESSAGES[username],
      passwordProblem && PASSWORD_MESSAGES[passwordProblem],
    ].filter(Boolean);
    process.exitCode = 1;
    process.stderr.write(`${messages.join('.\n')}.\nNothing was changed.\n`);
  } finally {
    await database.close();
  }
}

/** A one-time link for a member who forgot their password: the forum sends no email, so the operator passes it on. */
async function printResetLink(config: Config, name: string): Promise<void> {
  const database = await openDatabase(databaseOptions(config));
  try {
    const forum = await createForum({ database, policy: PROJECT_PATHS.commonPasswords });
    const member = await forum.accounts.findByUsername(name);
    const result = member && (await forum.resets.issueFromCommandLine(member.id));
    if (!member || result?.status !== 'issued') {
      process.exitCode = 1;
      process.stderr.write(`There is no member ${name} in ${database.location}. Nothing was changed.\n`);
      return;
    }
    process.stdout.write(
      `One-time link for ${member.username} to choose a new password, valid until ${result.expiresAt.slice(0, 16).replace('T', ' ')} UTC:\n` +
        `${resetLink(config.siteUrl, result.token, result.language)}\n` +
        'Anyone who has it can set the password: give it to the member only, by a way you trust. Earlier links of the member no longer work.\n',
    );
  } finally {
    await database.close();
  }
}

function backup(config: Config, file: string): void {
  if (config.databaseUrl) {
    fail(
      'The forum uses PostgreSQL (DATABASE_URL), which this command does not copy. Use pg_dump, which takes a consistent ' +
        `snapshot while the site runs:\n  pg_dump --format=custom --file=${file} "$DATABASE_URL"\nand pg_restore to restore it.`,
    );
  }
  if (config.dataDir === ':memory:') fail('DATA_DIR is :memory:, so there is no database file to back up.');
  const target = path.resolve(file);
  const { members } = backupSqlite(config.dataDir, target);
  process.stdout.write(`Backed up the forum (${members} members) to ${target}.\n`);
}

async function main(): Promise<void> {
  const [command, argument, ...rest] = process.argv.slice(2);
  if (!argument || rest.length > 0) fail(USAGE, 2);
  const config = loadConfig(process.env);
  if (command === 'create-admin') await createAdmin(config, argument);
  else if (command === 'reset-link') await printResetLink(config, argument);
  else if (command === 'backup') backup(config, argument);
  else fail(USAGE, 2);
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));

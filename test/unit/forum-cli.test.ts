// npm run forum: create-admin reads the password twice (hidden on a terminal, two lines from a pipe), reset-link, backup.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { FORUM_DATABASE_FILE, openDatabase, type ForumDatabase } from '../../src/db/database.js';
import { ROOT } from '../../scripts/lib/root.js';
import request from 'supertest';
import { addMember, PASSWORD } from '../helpers/forum.js';
import { testApp } from '../helpers/test-app.js';
import { entryPointArgs } from '../../scripts/lib/entry-point.js';

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs scripts/forum.ts with `args`, writing `input` to its standard input (a pipe, so not a terminal). */
function forum(args: readonly string[], env: Record<string, string>, input = ''): Promise<Run> {
  const child = spawn(process.execPath, [...entryPointArgs('scripts/forum.ts'), ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: '', NODE_ENV: 'production', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(input);
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

async function roleOf(dataDir: string, username: string): Promise<string | undefined> {
  const database = await openDatabase({ dataDir });
  try {
    const row = await database.db.selectFrom('users').select('role').where('username', '=', username).executeTakeFirst();
    return row?.role;
  } finally {
    await database.close();
  }
}

describe('npm run forum -- create-admin', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'forum-cli-'));
  const env = { DATA_DIR: dir };
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('creates an administrator from two lines on standard input, printing no password', async () => {
    const run = await forum(['create-admin', 'Chief'], env, `${PASSWORD}\n${PASSWORD}\n`);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^Created administrator Chief in .*forum\.sqlite\.\n$/);
    assert.ok(!`${run.stdout}${run.stderr}`.includes(PASSWORD));
    assert.equal(await roleOf(dir, 'Chief'), 'administrator');
  });

  it('refuses two passwords that differ, and changes nothing', async () => {
    const run = await forum(['create-admin', 'Second'], env, `${PASSWORD}\n${PASSWORD}!\n`);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /The two passwords do not match\. Nothing was changed\./);
    assert.equal(await roleOf(dir, 'Second'), undefined);
  });

  it('refuses a weak password and a taken or malformed name, saying why', async () => {
    const weak = await forum(['create-admin', 'Third'], env, 'password123\npassword123\n');
    assert.equal(weak.code, 1);
    assert.match(weak.stderr, /Password must be 15 characters or more/);
    const common = await forum(['create-admin', 'Third'], env, 'iloveyou12345678\niloveyou12345678\n');
    assert.match(common.stderr, /Password is too common/);
    const taken = await forum(['create-admin', 'CHIEF'], env, `${PASSWORD}\n${PASSWORD}\n`);
    assert.match(taken.stderr, /The username CHIEF is taken/);
    const malformed = await forum(['create-admin', 'no spaces'], env, `${PASSWORD}\n${PASSWORD}\n`);
    assert.match(malformed.stderr, /Username must contain only letters/);
    assert.equal(await roleOf(dir, 'Third'), undefined);
    assert.ok(![weak, common].some((run) => `${run.stdout}${run.stderr}`.includes('iloveyou12345678') || run.stderr.includes('password123')));
  });

  it('reads nothing as an empty password, and refuses it', async () => {
    const run = await forum(['create-admin', 'Fourth'], env, '');
    assert.equal(run.code, 1);
    assert.match(run.stderr, /Password must be 15 characters or more/);
  });

  it('explains its usage when the name is missing', async () => {
    const run = await forum(['create-admin'], env);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /usage:\n {2}npm run forum -- create-admin NAME/);
  });

  const script = '/usr/bin/script';
  it('asks twice on a terminal without echoing what is typed', { skip: existsSync(script) ? false : 'no /usr/bin/script for a terminal' }, async () => {
    // script(1) runs the command on a pseudo-terminal; its output is what the terminal shows.
    const command = [process.execPath, ...entryPointArgs('scripts/forum.ts'), 'create-admin', 'Typist'].map((arg) => `"${arg}"`).join(' ');
    const child = spawn(script, ['-q', '-e', '-c', command, '/dev/null'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: '', NODE_ENV: 'production', DATA_DIR: dir },
    });
    let screen = '';
    const prompts = ['Password: ', 'Password again: '];
    child.stdout.on('data', (chunk: Buffer) => {
      screen += chunk.toString();
      // Types each answer once its prompt has appeared, whatever the machine's speed.
      while (prompts.length > 0 && screen.includes(prompts[0]!)) {
        screen = screen.replace(prompts.shift()!, '[asked]');
        child.stdin.write(`${PASSWORD}\r`);
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(code, 0, screen);
    assert.match(screen, /Created administrator Typist/);
    assert.ok(!screen.includes(PASSWORD), `the password was echoed: ${screen}`);
    assert.equal(await roleOf(dir, 'Typist'), 'administrator');
  });
});

describe('npm run forum -- backup', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'forum-backup-'));
  let site: ForumDatabase;
  before(async () => {
    site = await openDatabase({ dataDir: path.join(dir, 'data') });
  });
  after(async () => {
    await site.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('copies the database while it is open and being written, including writes not yet checkpointed', async () => {
    for (let index = 0; index < 30; index += 1) await addMember(site, `member${index}`);
    const file = path.join(dir, 'forum-backup.sqlite');
    const run = await forum(['backup', file], { DATA_DIR: path.join(dir, 'data') });
    await addMember(site, 'after-the-backup');
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Backed up the forum \(30 members\) to .*forum-backup\.sqlite\./);
    const copy = new Database(file, { readonly: true });
    try {
      assert.equal(copy.pragma('integrity_check', { simple: true }), 'ok');
      assert.equal((copy.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n, 30);
    } finally {
      copy.close();
    }
  });

  it('restores by copying the file in as forum.sqlite: the copy opens as a forum database', async () => {
    const restored = path.join(dir, 'restored');
    const file = path.join(dir, 'to-restore.sqlite');
    await forum(['backup', file], { DATA_DIR: path.join(dir, 'data') });
    mkdirSync(restored);
    copyFileSync(file, path.join(restored, 'forum.sqlite'));
    const database = await openDatabase({ dataDir: restored });
    try {
      const { n } = await database.db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(Number(n), 31);
    } finally {
      await database.close();
    }
  });

  it('never overwrites a file', async () => {
    const file = path.join(dir, 'forum-backup.sqlite');
    const run = await forum(['backup', file], { DATA_DIR: path.join(dir, 'data') });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /exists already/);
  });

  it('sends a PostgreSQL operator to pg_dump', async () => {
    const run = await forum(['backup', path.join(dir, 'forum.dump')], { DATABASE_URL: 'postgres://un_kg@db.internal/un_kg' });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /Use pg_dump/);
    assert.match(run.stderr, /pg_dump --format=custom --file=.*forum\.dump "\$DATABASE_URL"/);
  });
});

describe('npm run forum -- reset-link', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'forum-reset-'));
  const env = { DATA_DIR: dir, SITE_URL: 'https://un.example.org' };
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints a one-time link for any member, the only administrator too, that opens the form to choose a new password', async () => {
    assert.equal((await forum(['create-admin', 'Chief'], env, `${PASSWORD}\n${PASSWORD}\n`)).code, 0);
    const run = await forum(['reset-link', 'chief'], env);
    assert.equal(run.code, 0, run.stderr);
    const link = /^https:\/\/un\.example\.org(\/forum\/reset\?token=[A-Za-z0-9_-]{43})$/m.exec(run.stdout)?.[1];
    assert.ok(link, run.stdout);
    assert.match(run.stdout, /^One-time link for Chief to choose a new password, valid until \d{4}-\d\d-\d\d \d\d:\d\d UTC:$/m);
    const app = testApp({ DATA_DIR: dir });
    try {
      const page = await request(app.handle).get(link).expect(200);
      assert.match(page.text, /This link lets Chief choose a new password/);
      const second = /token=([^\s]+)/.exec((await forum(['reset-link', 'Chief'], env)).stdout)?.[1];
      assert.ok(second);
      await request(app.handle).get(link).expect(410);
    } finally {
      app.close();
      await app.closed();
    }
  });

  it('leads a member who registered in Russian to the Russian reset page', async () => {
    const database = new Database(path.join(dir, FORUM_DATABASE_FILE));
    try {
      database.prepare("update users set language = 'ru' where username = 'Chief'").run();
    } finally {
      database.close();
    }
    const run = await forum(['reset-link', 'Chief'], env);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^https:\/\/un\.example\.org\/ru\/forum\/reset\?token=[A-Za-z0-9_-]{43}$/m);
  });

  it('says so when there is no such member, and changes nothing', async () => {
    const run = await forum(['reset-link', 'Nobody'], env);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /^There is no member Nobody in .*forum\.sqlite\. Nothing was changed\.\n$/);
  });
});

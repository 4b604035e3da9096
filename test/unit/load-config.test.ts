// Unit tests for loadConfig: the defaults that work with no set-up, and a clear refusal of each value it cannot use.
import assert from 'node:assert/strict';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig, type Config } from '../../src/config.js';
import { ROOT } from '../../scripts/lib/root.js';

/** Asserts that loadConfig refuses env with a ConfigError whose message matches. */
function assertRefused(env: Record<string, string>, message: RegExp): void {
  assert.throws(
    () => loadConfig(env),
    (error: unknown) => error instanceof ConfigError && message.test(error.message),
    `${JSON.stringify(env)} should be refused with ${message}`,
  );
}

describe('loadConfig with nothing set', () => {
  const config = loadConfig({});

  it('serves production on port 3000 of every interface, so `npm start` never shows drafts', () => {
    assert.equal(config.env, 'production');
    assert.equal(config.port, 3000);
    assert.equal(config.host, '0.0.0.0');
  });

  it('names the local address as the site URL, on the port it listens on', () => {
    assert.equal(config.siteUrl, 'http://localhost:3000');
    assert.equal(loadConfig({ PORT: '8080' }).siteUrl, 'http://localhost:8080');
  });

  it('finds the project root and reads content/ and data/ there, whatever the working directory', () => {
    const cwd = process.cwd();
    process.chdir(tmpdir());
    let elsewhere: Config;
    try {
      elsewhere = loadConfig({});
    } finally {
      process.chdir(cwd);
    }
    for (const found of [config, elsewhere]) {
      assert.equal(found.rootDir, ROOT);
      assert.equal(found.contentDir, path.join(ROOT, 'content'));
      assert.equal(found.dataDir, path.join(ROOT, 'data'));
    }
  });

  it('keeps the forum in SQLite under DATA_DIR, needing no database server', () => {
    assert.equal(config.databaseUrl, undefined);
  });

  it('counts page views with one server process', () => {
    assert.equal(config.stats, true);
    assert.equal(config.workers, 1);
  });

  it('takes the client address from the connection, not from X-Forwarded-For, unless told a proxy is in front', () => {
    assert.equal(config.trustProxy, false);
    assert.equal(loadConfig({ TRUST_PROXY: 'on' }).trustProxy, true);
  });

  it('keeps test statistics in memory, so test files never share or leave a database', () => {
    assert.equal(loadConfig({ NODE_ENV: 'test' }).dataDir, ':memory:');
  });

  it('treats an empty variable as unset', () => {
    assert.deepEqual(loadConfig({ PORT: '', NODE_ENV: '', SITE_URL: '', STATS: '', WORKERS: '', CONTENT_DIR: '', DATA_DIR: '', DATABASE_URL: '' }), config);
  });

  it('is frozen', () => {
    assert.ok(Object.isFrozen(config));
  });
});

describe('loadConfig with values set', () => {
  it('resolves CONTENT_DIR and DATA_DIR against the project root, and keeps absolute ones', () => {
    const config = loadConfig({ CONTENT_DIR: 'test/fixtures/content/small-site', DATA_DIR: '/var/lib/un-kg' });
    assert.equal(config.contentDir, path.join(ROOT, 'test', 'fixtures', 'content', 'small-site'));
    assert.equal(config.dataDir, '/var/lib/un-kg');
  });

  it('drops the trailing slash of SITE_URL and keeps a path', () => {
    assert.equal(loadConfig({ SITE_URL: 'https://un.org.kg/' }).siteUrl, 'https://un.org.kg');
    assert.equal(loadConfig({ SITE_URL: 'https://example.org/un-kg//' }).siteUrl, 'https://example.org/un-kg');
  });

  it('reads STATS as a switch, in any case', () => {
    for (const on of ['on', 'ON', 'true', '1', 'yes']) assert.equal(loadConfig({ STATS: on }).stats, true, on);
    for (const off of ['off', 'Off', 'false', '0', 'no']) assert.equal(loadConfig({ STATS: off }).stats, false, off);
  });

  it('reads WORKERS as a number from 1 to 64, or auto for one per core', () => {
    assert.equal(loadConfig({ WORKERS: '1' }).workers, 1);
    assert.equal(loadConfig({ WORKERS: '64' }).workers, 64);
    assert.equal(loadConfig({ WORKERS: 'auto' }).workers, availableParallelism());
  });

  it('reads SEARCH_CONCURRENCY and SEARCH_CACHE as whole numbers, 8 and 1,000 unless set', () => {
    assert.equal(loadConfig({}).searchConcurrency, 8);
    assert.equal(loadConfig({}).searchCache, 1000);
    assert.equal(loadConfig({ SEARCH_CONCURRENCY: '1', SEARCH_CACHE: '50000' }).searchConcurrency, 1);
    assert.equal(loadConfig({ SEARCH_CACHE: '50000' }).searchCache, 50000);
  });

  it('takes DATABASE_URL as postgres:// or postgresql://, unchanged, for pg to read', () => {
    for (const url of ['postgres://un_kg:secret@db.internal:5432/un_kg', 'postgresql://localhost/un_kg', 'postgres:///un_kg?host=/run/postgresql']) {
      assert.equal(loadConfig({ DATABASE_URL: url }).databaseUrl, url);
    }
  });

  it('reads the PostgreSQL pool size (10 unless set) and schema (public unless set)', () => {
    assert.equal(loadConfig({}).databasePoolSize, 10);
    assert.equal(loadConfig({ DATABASE_POOL_SIZE: '25' }).databasePoolSize, 25);
    assert.equal(loadConfig({}).databaseSchema, undefined);
    assert.equal(loadConfig({ DATABASE_SCHEMA: 'un_kg_site' }).databaseSchema, 'un_kg_site');
  });

  it('reads how long a request waits for a PostgreSQL connection (5 s unless set)', () => {
    assert.equal(loadConfig({}).databaseWaitMs, 5000);
    assert.equal(loadConfig({ DATABASE_WAIT_MS: '60000' }).databaseWaitMs, 60_000);
    assert.throws(() => loadConfig({ DATABASE_WAIT_MS: '5s' }), /DATABASE_WAIT_MS must be a whole number from 100 to 600000/);
  });

  it('takes port 0, for a port the system picks', () => {
    assert.equal(loadConfig({ PORT: '0' }).port, 0);
    assert.equal(loadConfig({ PORT: '65535' }).port, 65535);
  });
});

describe('loadConfig refuses', () => {
  it('a pool size that is not a whole number from 1 to 100, and a schema name that is not a plain identifier', () => {
    for (const size of ['0', '101', '2.5', 'many', '0x10', ' 10']) assert.throws(() => loadConfig({ DATABASE_POOL_SIZE: size }), /DATABASE_POOL_SIZE must be/);
    for (const schema of ['Site', 'un-kg', 'x; drop table users', '1st'])
      assert.throws(() => loadConfig({ DATABASE_SCHEMA: schema }), /DATABASE_SCHEMA must be/);
  });

  // Number() takes hexadecimal, exponents and spaces; a port is written in digits.
  for (const port of ['http', '-1', '65536', '80.5', '0x50', '1e3', ' 80', '+80']) {
    it(`PORT=${port}`, () => assertRefused({ PORT: port }, /^PORT must be an integer from 0 to 65535, got "/));
  }

  for (const url of ['un.org.kg', '/news', 'https//un.org.kg']) {
    it(`a SITE_URL that is not absolute: ${url}`, () => {
      assertRefused({ SITE_URL: url }, /^SITE_URL must be an absolute URL such as https:\/\/un\.org\.kg, got "/);
    });
  }

  // "localhost:3000" is absolute to a URL parser, with the scheme "localhost:".
  for (const url of ['ftp://un.org.kg', 'file:///srv/site', 'javascript:alert(1)', 'mailto:info@un.org.kg', 'localhost:3000']) {
    it(`a SITE_URL that is not http or https: ${url}`, () => assertRefused({ SITE_URL: url }, /^SITE_URL must use http or https, got "/));
  }

  for (const nodeEnv of ['staging', 'Production', 'dev']) {
    it(`NODE_ENV=${nodeEnv}`, () => assertRefused({ NODE_ENV: nodeEnv }, /^NODE_ENV must be development, production or test, got "/));
  }

  for (const stats of ['maybe', 'enabled', '2']) {
    it(`STATS=${stats}`, () => assertRefused({ STATS: stats }, /^STATS must be on or off, got "/));
  }

  it('TRUST_PROXY=nginx', () => assertRefused({ TRUST_PROXY: 'nginx' }, /^TRUST_PROXY must be on or off, got "nginx"/));

  for (const workers of ['0', '65', '1.5', 'all', '-2', '0x2', '2e1']) {
    it(`WORKERS=${workers}`, () => assertRefused({ WORKERS: workers }, /^WORKERS must be a whole number from 1 to 64, or auto, got "/));
  }

  for (const count of ['0', '1001', '2.5', 'many', '0x8', ' 8']) {
    it(`SEARCH_CONCURRENCY=${count}`, () => assertRefused({ SEARCH_CONCURRENCY: count }, /^SEARCH_CONCURRENCY must be a whole number from 1 to 1000, got "/));
  }

  for (const url of ['mysql://un_kg:secret@db/un_kg', 'sqlite:///srv/forum.sqlite', 'db.internal:5432/un_kg', 'https://db.internal/un_kg']) {
    it(`a DATABASE_URL that is not PostgreSQL: ${url}`, () =>
      assertRefused({ DATABASE_URL: url }, /^DATABASE_URL must start with postgres:\/\/ or postgresql:\/\/, got /));
  }

  it('a DATABASE_URL that does not parse', () => assertRefused({ DATABASE_URL: 'postgres://un_kg:secret@[::1/un_kg' }, /^DATABASE_URL is not a valid URL/));

  it('a DATABASE_URL without repeating its password in the message, which reaches logs', () => {
    for (const url of ['mysql://un_kg:hunter2secret@db/un_kg', 'postgres://un_kg:hunter2secret@[::1/un_kg']) {
      assert.throws(
        () => loadConfig({ DATABASE_URL: url }),
        (error: unknown) => error instanceof ConfigError && !error.message.includes('hunter2secret'),
      );
    }
  });

  it('naming the value it got, so the operator sees the typo', () => {
    assertRefused({ PORT: '30o0' }, /got "30o0"$/);
    assertRefused({ SITE_URL: 'ftp://un.org.kg' }, /got "ftp:\/\/un\.org\.kg"$/);
  });
});

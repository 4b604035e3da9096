// The configuration table: `--dev` as a portable NODE_ENV=development, and the folders derived from it.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { loadConfig } from '../../src/config.js';
import { PROJECT_ROOT } from '../../src/project-paths.js';

describe('loadConfig', () => {
  it('runs in production when nothing is set', () => {
    assert.equal(loadConfig({}).env, 'production');
  });

  it('reads --dev on the command line as development, so npm run dev needs no shell syntax for NODE_ENV', () => {
    assert.equal(loadConfig({}, ['--dev']).env, 'development');
  });

  it('lets --dev win over NODE_ENV, the more specific of the two', () => {
    assert.equal(loadConfig({ NODE_ENV: 'production' }, ['--dev']).env, 'development');
  });

  it('serves public/ of the project unless PUBLIC_DIR names another folder', () => {
    assert.equal(loadConfig({}).publicDir, path.join(PROJECT_ROOT, 'public'));
    assert.equal(loadConfig({ PUBLIC_DIR: '/srv/shared/public' }).publicDir, '/srv/shared/public');
  });

  it('keeps image variants under DATA_DIR, and in memory when the data is in memory', () => {
    assert.equal(loadConfig({ DATA_DIR: '/var/lib/un-kg' }).imageCacheDir, '/var/lib/un-kg/image-variants');
    assert.equal(loadConfig({ DATA_DIR: ':memory:' }).imageCacheDir, undefined);
    assert.equal(loadConfig({ NODE_ENV: 'test' }).imageCacheDir, undefined);
  });
});

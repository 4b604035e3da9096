// The running server judges links like npm run check: a Russian page linking to an English page goes live; a link to
// an address in no edition is held back.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import request from 'supertest';
import { freshFixture, testApp } from '../helpers/test-app.js';

const RU_INDEX = (body: string): string =>
  `---\ntitle: Главная\ndescription: Главная страница примера со ссылками между версиями.\nupdated: 2026-11-20\n---\n\n${body}\n`;

describe('links from one edition to another, on the running server', () => {
  const fixture = freshFixture('links-between-editions');

  it('reports only the links that lead nowhere in any edition', () => {
    const app = testApp({ CONTENT_DIR: fixture.dir });
    const errors = app.publisher.problems().filter((problem) => problem.severity === 'error');
    assert.deepEqual(
      errors.map((problem) => `${problem.file}:${problem.line}`),
      ['ru/unodc.md:11', 'ru/unodc.md:13'],
    );
    app.close();
  });

  it('publishes a Russian page changed to link to an English page, and holds back one linking to no page', async () => {
    const app = testApp({ CONTENT_DIR: fixture.dir });
    writeFileSync(path.join(fixture.dir, 'ru', 'index.md'), RU_INDEX('Английская страница: [UNODC](/unodc#projects).'));
    app.publisher.reload(['ru/index.md']);
    assert.match((await request(app.handle).get('/ru').expect(200)).text, /Английская страница/);
    writeFileSync(path.join(fixture.dir, 'ru', 'index.md'), RU_INDEX('Никуда: [нет](/no-such-page-anywhere).'));
    app.publisher.reload(['ru/index.md']);
    assert.match((await request(app.handle).get('/ru').expect(200)).text, /Английская страница/);
    assert.ok(app.publisher.problems().some((problem) => problem.file === 'ru/index.md' && problem.message.includes('/no-such-page-anywhere')));
    app.close();
  });
});

// The running server judges links like npm run check: a Russian page linking to an English page goes live; a link to
// an address in no edition is held back.
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
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

  it('holds back deleting an English page only a Russian page links to, naming the Russian file and line', async () => {
    const app = testApp({ CONTENT_DIR: fixture.dir });
    writeFileSync(
      path.join(fixture.dir, 'mandate.md'),
      '---\ntitle: Mandate\ndescription: An English page that only a Russian page links to.\nupdated: 2026-11-20\n---\n\nThe mandate.\n',
    );
    writeFileSync(path.join(fixture.dir, 'ru', 'index.md'), RU_INDEX('Мандат: [на английском](/mandate).'));
    app.publisher.reload(['mandate.md', 'ru/index.md']);
    await request(app.handle).get('/mandate').expect(200);
    rmSync(path.join(fixture.dir, 'mandate.md'));
    app.publisher.reload(['mandate.md']);
    await request(app.handle).get('/mandate').expect(200);
    const held = app.publisher.problems().find((problem) => problem.file === 'mandate.md');
    assert.match(held?.message ?? '', /held back, because it would break ru\/index\.md:7: link to \/mandate leads nowhere/);
    assert.ok(!app.publisher.problems().some((problem) => problem.file === 'ru/index.md'), 'the Russian page is not blamed');
    app.close();
  });

  it('holds back renaming an English heading a Russian page links to by its #anchor', async () => {
    const app = testApp({ CONTENT_DIR: fixture.dir });
    const unodc = path.join(fixture.dir, 'unodc.md');
    writeFileSync(unodc, readFileSync(unodc, 'utf8').replace('## Projects', '## Programmes'));
    app.publisher.reload(['unodc.md']);
    assert.match((await request(app.handle).get('/unodc').expect(200)).text, /id="projects"/);
    const held = app.publisher.problems().find((problem) => problem.file === 'unodc.md');
    assert.match(held?.message ?? '', /held back, because it would break ru\/unodc\.md:9: link to \/unodc#projects leads nowhere/);
    app.close();
  });
});

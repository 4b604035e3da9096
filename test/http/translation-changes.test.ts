// HTTP tests: translations come and go while the server runs, and every page they touch follows at once.
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import request from 'supertest';
import { freshFixture, html, testApp } from '../helpers/test-app.js';

const switcherOf = async (app: ReturnType<typeof testApp>, url: string): Promise<{ href: string | null; note: string | null }> => {
  const document = html((await request(app.handle).get(url).expect(200)).text);
  return {
    href: document.querySelector('nav.language-switcher a')?.getAttribute('href') ?? null,
    note: document.querySelector('.language-switcher__note')?.textContent ?? null,
  };
};

describe('translations changing on a running server', () => {
  const fixture = freshFixture('translations');

  it('links an English page to its new translation as soon as it is saved, and back when it is deleted', async () => {
    const app = testApp({ CONTENT_DIR: fixture.dir });
    assert.deepEqual(await switcherOf(app, '/jobs'), { href: '/ru', note: 'Не переведено:' });
    const file = path.join(fixture.dir, 'ru', 'jobs.md');
    writeFileSync(file, '---\ntitle: Вакансии\ndescription: Вакансии в системе ООН в Кыргызстане.\nupdated: 2026-11-20\n---\n\nВакансий нет.\n');
    app.publisher.reload(['ru/jobs.md']);
    assert.deepEqual(await switcherOf(app, '/jobs'), { href: '/ru/jobs', note: null });
    assert.deepEqual(await switcherOf(app, '/ru/jobs'), { href: '/jobs', note: null });
    assert.match((await request(app.handle).get('/jobs')).text, /<link rel="alternate" hreflang="ru" href="https:\/\/un\.example\.org\/ru\/jobs">/);
    assert.match((await request(app.handle).get('/sitemap-pages.xml')).text, /hreflang="ru" href="https:\/\/un\.example\.org\/ru\/jobs"/);
    rmSync(file);
    app.publisher.reload(['ru/jobs.md']);
    assert.equal((await switcherOf(app, '/jobs')).href, '/ru');
    await request(app.handle).get('/ru/jobs').set('Accept', 'text/html').expect(404);
    app.close();
  });

  it('keeps each edition to its own folder: a Russian change never touches the English pages of that path', async () => {
    const app = testApp({ CONTENT_DIR: fixture.dir });
    const english = (await request(app.handle).get('/mdg').expect(200)).text;
    writeFileSync(
      path.join(fixture.dir, 'ru', 'mdg.md'),
      '---\ntitle: ЦРТ\ndescription: Цели развития тысячелетия, новый перевод.\nupdated: 2026-11-20\n---\n\nНовый текст.\n',
    );
    app.publisher.reload(['ru/mdg.md']);
    assert.match((await request(app.handle).get('/ru/mdg').expect(200)).text, /Новый текст/);
    assert.equal((await request(app.handle).get('/mdg').expect(200)).text, english);
    app.close();
  });
});

// The state of the translations, as `npm run check` reports it: pages not translated, translations out of date, pairs.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { languageOf } from '../../src/content/languages.js';
import { EMPTY_NAVIGATION } from '../../src/content/navigation.js';
import { readPage } from '../../src/content/read-page.js';
import { buildSite, type Site } from '../../src/content/site.js';
import { pairTranslations, translationProblems } from '../../src/content/translations.js';
import { checkContent } from '../../src/publish/check-content.js';
import { FIXTURES } from '../helpers/test-app.js';

const FIXTURE = path.join(FIXTURES, 'content', 'translations');
const label = (file: string): string => `content/${file}`;

function site(code: string, pages: Readonly<Record<string, string>>): Site {
  const read = Object.entries(pages).map(([file, extra]) =>
    readPage(file, Buffer.from(`---\ntitle: A page\ndescription: A page of a test of the translations.\nupdated: 2026-11-20\n${extra}---\n\nText.\n`)),
  );
  return buildSite({ pages: read, navigation: EMPTY_NAVIGATION, removed: [], language: languageOf(code), includeDrafts: false, now: Date.now() });
}

describe('the state of the translations in npm run check', () => {
  const problems = checkContent(FIXTURE, path.join(FIXTURE, 'no-public'), [], [], label);
  const lines = problems.map((problem) => `${problem.file}:${problem.line}: ${problem.severity}: ${problem.message}`);

  it('warns of each English page with no translation, naming the file to write', () => {
    const jobs = lines.filter((line) => line.startsWith('jobs.md:'));
    assert.deepEqual(jobs, [
      'jobs.md:1: warning: not translated into Russian yet: Russian readers are told so and offered the Russian home page; translate it as content/ru/jobs.md',
    ]);
  });

  it('warns of each translation older than its original, naming both files and both dates', () => {
    assert.deepEqual(
      lines.filter((line) => line.startsWith('ru/mdg.md:')),
      [
        'ru/mdg.md:1: warning: translation out of date: updated 2026-11-01, but its original content/mdg.md was updated 2026-11-20; ' +
          'bring the Russian text up to date, then set updated: 2026-11-20 or later',
      ],
    );
  });

  it('pairs a translation at another path through original:, and says nothing of translations up to date', () => {
    assert.equal(
      lines.some((line) => line.startsWith('about.md:') || line.startsWith('ru/o-nas.md:') || line.startsWith('index.md:')),
      false,
      lines.join('\n'),
    );
  });

  it('reports only warnings, so a missing translation never fails the check', () => {
    assert.deepEqual(
      problems.filter((problem) => problem.severity === 'error'),
      [],
    );
    assert.equal(problems.length, 2, lines.join('\n'));
  });

  it('reports an original: that names no English page as an error on its line', () => {
    const english = site('en', { 'about.md': '' });
    const russian = site('ru', { 'ru/o-nas.md': 'original: /abuot\n' });
    assert.deepEqual(
      translationProblems([english, russian]).map((problem) => `${problem.file}:${problem.line}: ${problem.severity}`),
      ['ru/o-nas.md:5: error', 'about.md:1: warning'],
    );
  });

  it('pairs pages both ways, by path and by original:, and the app pages both editions have', () => {
    const english = site('en', { 'index.md': '', 'mdg.md': '', 'about.md': '', 'jobs.md': '' });
    const russian = site('ru', { 'ru/index.md': '', 'ru/mdg.md': '', 'ru/o-nas.md': 'original: /about\n' });
    const pairs = pairTranslations([english, russian], ['/search', '/ru/search', '/forum']);
    const versions = (url: string): string[] | undefined => pairs.get(url)?.map((version) => `${version.language.code} ${version.url}`);
    assert.deepEqual(versions('/'), ['en /', 'ru /ru']);
    assert.deepEqual(versions('/ru'), ['en /', 'ru /ru']);
    assert.deepEqual(versions('/ru/o-nas'), ['en /about', 'ru /ru/o-nas']);
    assert.deepEqual(versions('/about'), versions('/ru/o-nas'));
    assert.deepEqual(versions('/search'), ['en /search', 'ru /ru/search']);
    assert.equal(versions('/jobs'), undefined);
    assert.equal(versions('/forum'), undefined);
  });
});

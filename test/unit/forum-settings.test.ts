// content/forum.yml: the categories editors define, read in order, and every mistake reported on its line with the fix.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { categoriesIn, readForumSettings } from '../../src/content/forum-settings.js';
import { ContentError, formatProblem } from '../../src/content/problem.js';
import { buildSite } from '../../src/content/site.js';
import { EMPTY_NAVIGATION } from '../../src/content/navigation.js';
import { FIXTURES, ROOT } from '../helpers/test-app.js';

const MISTAKES = path.join(FIXTURES, 'content', 'editor-mistakes', 'forum');

function problemsOf(fixture: string): string[] {
  try {
    readForumSettings(readFileSync(path.join(MISTAKES, fixture), 'utf8'));
    return [];
  } catch (error) {
    assert.ok(error instanceof ContentError, `expected a ContentError, got ${String(error)}`);
    return error.toProblems().map((problem) => formatProblem(problem));
  }
}

describe('the forum file as editors write it', () => {
  it('reads the shipped categories in their order, with no alias', () => {
    const settings = readForumSettings(readFileSync(path.join(ROOT, 'content', 'forum.yml'), 'utf8'));
    assert.deepEqual(
      settings.categories.map((category) => category.title),
      ['General questions about the UN in Kyrgyzstan', 'Millennium Development Goals', 'Jobs and procurement', 'Drug control and crime prevention'],
    );
    assert.deepEqual(settings.aliases, []);
  });

  it('orders categories by order, and those with the same order as written', () => {
    const text = ['b', 'a', 'c']
      .map((slug, index) => `  - slug: ${slug}\n    title: ${slug}\n    description: The category ${slug}, for the test.\n    order: ${index === 2 ? 0 : 5}\n`)
      .join('');
    assert.deepEqual(
      readForumSettings(`categories:\n${text}`).categories.map((category) => category.slug),
      ['c', 'b', 'a'],
    );
  });

  it('refuses a slug used twice, on the second one’s line', () => {
    assert.deepEqual(problemsOf('slug-twice.yml'), [
      'forum.yml:6: the slug of the 2nd item of categories is "general", which is already the slug of the 1st category: each category needs its own address',
    ]);
  });

  it('refuses a slug that is the name of one of the forum’s own pages', () => {
    assert.deepEqual(problemsOf('slug-of-a-forum-page.yml'), [
      'forum.yml:3: the slug of the 1st item of categories cannot be "login": /forum/login is one of the forum\'s own pages, so choose another',
    ]);
  });

  it('explains what a slug may contain, and why', () => {
    assert.deepEqual(problemsOf('slug-with-spaces.yml'), [
      'forum.yml:3: the slug of the 1st item of categories must be lowercase letters, digits and single hyphens, such as jobs-and-procurement, ' +
        'because it is the address /forum/<slug> (you wrote "Jobs & tenders")',
    ]);
  });

  it('reports every fault of the file at once, each on its line', () => {
    assert.deepEqual(problemsOf('several-faults.yml'), [
      'forum.yml:4: unknown field "tittle" in the 1st item of categories: did you mean title? ' +
        'The fields allowed here are slug, title, description, order and translations',
      'forum.yml:6: the 2nd item of categories has no description: add a line description: What belongs in this category, in a sentence.',
      'forum.yml:11: the order of the 3rd item of categories must be a whole number, such as 1 (you wrote "first")',
    ]);
  });

  it('shows aliases written on one line as a list', () => {
    assert.deepEqual(problemsOf('aliases-on-one-line.yml'), [
      'forum.yml:2: aliases must be a list, with each item on its own line after "- ", like this:\n    aliases:\n      - /english/forum.phtml',
    ]);
  });

  it('asks for at least one category, showing how one is written', () => {
    const [problem] = problemsOf('no-categories.yml');
    assert.match(problem ?? '', /^forum\.yml:2: categories is missing: add it, like this:\n {4}categories:\n {6}- slug: general\n/);
  });
});

describe('the forum’s old addresses', () => {
  const site = (aliases: string[]) =>
    buildSite({
      pages: [],
      navigation: EMPTY_NAVIGATION,
      removed: [],
      includeDrafts: false,
      now: Date.now(),
      forum: { categories: [], aliases: aliases.map((address, index) => ({ address, line: index + 3 })) },
    });

  it('redirect to /forum, as a page’s aliases redirect to the page', () => {
    const built = site(['/english/forum.phtml', '/english/forum.phtml?topic=12', '/old-forum/']);
    assert.equal(built.redirects.get('/english/forum.phtml'), '/forum');
    assert.equal(built.redirects.get('/english/forum.phtml?topic=12'), '/forum');
    assert.equal(built.redirects.get('/old-forum'), '/forum');
    assert.deepEqual(built.problems, []);
  });
});

describe('a category translated for another language’s forum', () => {
  it('is named in that language where forum.yml translates it, and as written elsewhere', () => {
    const text = [
      'categories:',
      '  - slug: general',
      '    title: General questions',
      '    description: Questions about the work of the UN in Kyrgyzstan.',
      '    translations:',
      '      ru:',
      '        title: Общие вопросы',
      '        description: Вопросы о работе ООН в Кыргызстане.',
      '  - slug: jobs',
      '    title: Jobs',
      '    description: Vacancies and internships with the UN in Kyrgyzstan.',
    ].join('\n');
    const { categories } = readForumSettings(text);
    assert.deepEqual(
      categoriesIn(categories, 'ru').map((each) => each.title),
      ['Общие вопросы', 'Jobs'],
    );
    assert.deepEqual(
      categoriesIn(categories, 'en').map((each) => each.title),
      ['General questions', 'Jobs'],
    );
    assert.throws(() => readForumSettings(text.replace('      ru:', '      xx:')), /xx/);
  });
});

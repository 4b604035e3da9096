// The interface text of each language (i18n/): plural forms, numbers, a missing key reported and shown in English.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { languageOf } from '../../src/content/languages.js';
import { PROJECT_PATHS } from '../../src/project-paths.js';
import { InterfaceTexts } from '../../src/render/interface-text.js';

const dirs: string[] = [];
after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function texts(files: Readonly<Record<string, string>>): InterfaceTexts {
  const dir = mkdtempSync(path.join(tmpdir(), 'un-kg-i18n-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return InterfaceTexts.read(dir);
}

const ENGLISH = 'menu: Menu\nsearch:\n  count:\n    one: "{count} page matches {query}"\n    other: "{count} pages match {query}"\n';

describe('the interface text', () => {
  it('ships English and Russian with the same keys and placeholders, so npm run check reports nothing', () => {
    assert.deepEqual(InterfaceTexts.read(PROJECT_PATHS.i18n).problems(), []);
  });

  it('picks the plural form a number needs in Russian, and writes the number as Russian does', () => {
    const { t } = InterfaceTexts.read(PROJECT_PATHS.i18n).of(languageOf('ru'));
    const count = (value: number): string => t('search.count', { count: value, query: 'ООН' });
    assert.equal(count(1), 'Запросу ООН соответствует 1 страница');
    assert.equal(count(3), 'Запросу ООН соответствуют 3 страницы');
    assert.equal(count(5), 'Запросу ООН соответствуют 5 страниц');
    assert.equal(count(21), 'Запросу ООН соответствует 21 страница');
    assert.equal(count(12345), 'Запросу ООН соответствуют 12\u00a0345 страниц');
    const english = InterfaceTexts.read(PROJECT_PATHS.i18n).of(languageOf('en')).t;
    assert.equal(english('search.count', { count: 1, query: 'UN' }), '1 page matches UN');
    assert.equal(english('search.count', { count: 12345, query: 'UN' }), '12,345 pages match UN');
  });

  it('reports a key missing from a translation, and shows the English words meanwhile', () => {
    const read = texts({ 'en.yml': ENGLISH, 'ru.yml': 'search:\n  count:\n    one: "{count}"\n    other: "{count}"\n' });
    assert.deepEqual(
      read.problems().map((problem) => `${problem.file}:${problem.line}: ${problem.severity}: ${problem.message}`),
      [
        'ru.yml:1: error: menu is missing: Russian pages show the English text until it is added',
        'ru.yml:2: error: search.count must use the same {names} as in en.yml (count, query)',
      ],
    );
    assert.equal(read.of(languageOf('ru')).t('menu'), 'Menu');
  });

  it('warns of a key no page shows, and reports a translation that cannot be read on its line', () => {
    const unknown = texts({ 'en.yml': ENGLISH, 'ru.yml': `${ENGLISH.replace('Menu', 'Меню')}menyu: Меню\n` });
    assert.deepEqual(
      unknown.problems().map((problem) => `${problem.file}:${problem.line}: ${problem.severity}`),
      ['ru.yml:6: warning'],
    );
    const broken = texts({ 'en.yml': ENGLISH, 'ru.yml': 'menu: Меню\nsearch: [\n' });
    assert.equal(broken.problems()[0]?.file, 'ru.yml');
    assert.equal(broken.of(languageOf('ru')).t('menu'), 'Menu');
  });

  it('refuses a key English does not have: a misspelt key in a template is a bug, not an empty string', () => {
    const { t } = texts({ 'en.yml': ENGLISH, 'ru.yml': ENGLISH }).of(languageOf('ru'));
    assert.throws(() => t('menyu'), /no interface text "menyu" in i18n\/en\.yml/);
  });
});

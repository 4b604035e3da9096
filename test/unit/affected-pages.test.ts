// Unit tests for affectedUrls: the page, its parent, and on a link-title change every page below it, render again.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EMPTY_NAVIGATION } from '../../src/content/navigation.js';
import { readPage } from '../../src/content/read-page.js';
import { buildSite, type Site } from '../../src/content/site.js';
import { urlForFile } from '../../src/content/url-for-file.js';
import { affectedUrls } from '../../src/publish/affected-pages.js';

type Files = Readonly<Record<string, readonly [title: string, linkTitle: string]>>;

/** A site of pages given as file -> [title, linkTitle]; each read by readPage, as the content store reads them. */
function site(pages: Files): Site {
  return buildSite({
    pages: Object.entries(pages).map(([file, [title, linkTitle]]) => {
      const frontMatter = `title: ${title}\nlinkTitle: ${linkTitle}\ndescription: A page of the small test site.\nupdated: 2007-08-15`;
      return readPage(file, Buffer.from(`---\n${frontMatter}\n---\n\nBody.\n`));
    }),
    navigation: EMPTY_NAVIGATION,
    removed: [],
    includeDrafts: false,
    now: Date.now(),
  });
}

// Home, a section with a subsection and a page in it, a sibling whose address starts like the subsection's, and
// another top-level page.
const BEFORE = {
  'index.md': ['Home', 'Home'],
  'agencies/index.md': ['Agencies', 'Agencies'],
  'agencies/unodc/index.md': ['UNODC', 'UNODC'],
  'agencies/unodc/projects.md': ['Projects', 'Projects'],
  'agencies/unodcx.md': ['Another agency', 'Another agency'],
  'mdg.md': ['MDG', 'MDG'],
} as const;

/** The sorted addresses re-rendered when the site went from one set of files to another, for the files changed. */
function affectedBetween(before: Files, after: Files, files: readonly string[]): string[] {
  return [...affectedUrls(site(before), site(after), files.map(urlForFile))].sort();
}

/** The same, from BEFORE to BEFORE with `edits` applied (null removes a file). */
function affected(edits: Readonly<Record<string, readonly [string, string] | null>>): string[] {
  const after: Record<string, readonly [string, string]> = { ...BEFORE };
  for (const [file, edit] of Object.entries(edits)) {
    if (edit === null) delete after[file];
    else after[file] = edit;
  }
  return affectedBetween(BEFORE, after, Object.keys(edits));
}

describe('affectedUrls', () => {
  it('renders a changed page and the section list it appears in, and nothing else, when its link title stays', () => {
    assert.deepEqual(affected({ 'agencies/unodc/projects.md': ['Projects, retitled', 'Projects'] }), ['/agencies/unodc', '/agencies/unodc/projects']);
  });

  it('renders the home page for a change to a top-level page', () => {
    assert.deepEqual(affected({ 'mdg.md': ['Millennium Development Goals', 'MDG'] }), ['/', '/mdg']);
  });

  it('renders the home page alone for a change to it that keeps its link title: it has no parent', () => {
    assert.deepEqual(affected({ 'index.md': ['Welcome', 'Home'] }), ['/']);
  });

  it('renders every page below a section whose link title changed, for their breadcrumbs, but not a sibling that only starts alike', () => {
    assert.deepEqual(affected({ 'agencies/unodc/index.md': ['UNODC', 'Drugs and Crime'] }), ['/agencies', '/agencies/unodc', '/agencies/unodc/projects']);
  });

  it('renders every page when the home page link title changes: every breadcrumb starts with it', () => {
    assert.deepEqual(affected({ 'index.md': ['Home', 'Start'] }), [
      '/',
      '/agencies',
      '/agencies/unodc',
      '/agencies/unodc/projects',
      '/agencies/unodcx',
      '/mdg',
    ]);
  });

  it('treats a new page as a link title that appeared: the page, its parent, and the pages already below it', () => {
    assert.deepEqual(affected({ 'agencies/unodc/fanc.md': ['FANC', 'FANC'] }), ['/agencies/unodc', '/agencies/unodc/fanc']);
    const { 'agencies/unodc/index.md': _section, ...withoutSection } = BEFORE;
    assert.deepEqual(affectedBetween(withoutSection, BEFORE, ['agencies/unodc/index.md']), ['/agencies', '/agencies/unodc', '/agencies/unodc/projects']);
  });

  it('treats a removed page as a link title that vanished: the page, its parent, and the pages left below it', () => {
    assert.deepEqual(affected({ 'agencies/unodc/index.md': null }), ['/agencies', '/agencies/unodc', '/agencies/unodc/projects']);
    assert.deepEqual(affected({ 'mdg.md': null }), ['/', '/mdg']);
  });

  it('takes the union when several pages change at once', () => {
    assert.deepEqual(affected({ 'mdg.md': ['MDG, again', 'MDG'], 'agencies/unodc/index.md': ['UNODC', 'Drugs and Crime'] }), [
      '/',
      '/agencies',
      '/agencies/unodc',
      '/agencies/unodc/projects',
      '/mdg',
    ]);
  });
});

// npm run new, without the disk: arguments, file names, refusals, the file it writes, and the placeholder warnings.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  normalisePath,
  parseNewArgs,
  placeholderWarnings,
  planNewPage,
  slugOf,
  NewPageError,
  PLACEHOLDER_DESCRIPTION,
  UsageError,
  type NewPageRequest,
} from '../../src/content/new-page.js';
import { formatProblem } from '../../src/content/problem.js';
import { readPage } from '../../src/content/read-page.js';
import { buildSite } from '../../src/content/site.js';
import { EMPTY_NAVIGATION } from '../../src/content/navigation.js';

const TODAY = '2026-11-27';
const EXISTING = [
  'index.md',
  'navigation.yml',
  'news/index.md',
  'news/2004-12-02-high-level-panel-report-published.md',
  'cca.md',
  'cca/common-country-assessment-2003.md',
  'un-in-kyrgyzstan/index.md',
  'un-in-kyrgyzstan/agencies/index.md',
  'un-in-kyrgyzstan/agencies/unodc/index.md',
];
const ROUTES = new Set(['/search', '/stats', '/sitemap.xml']);

const plan = (args: string[]) => planNewPage(parseNewArgs(args, TODAY), EXISTING, ROUTES);
const refusal = (args: string[]): string => {
  try {
    plan(args);
  } catch (error) {
    if (error instanceof NewPageError || error instanceof UsageError) return `${error.name}: ${error.message}`;
    throw error;
  }
  return assert.fail(`npm run new -- ${args.join(' ')} was not refused`);
};

describe('slugOf', () => {
  it('makes lowercase words joined by hyphens', () => {
    assert.equal(slugOf('UNDP opens office in Osh'), 'undp-opens-office-in-osh');
    assert.equal(slugOf('  Report: 2006 — “A more secure world”!  '), 'report-2006-a-more-secure-world');
  });

  it('writes Russian and Kyrgyz letters in Latin, drops accents and apostrophes', () => {
    assert.equal(slugOf('ПРООН открывает офис в Оше'), 'proon-otkryvaet-ofis-v-oshe');
    assert.equal(slugOf('Өкмөт жана ЮНИСЕФ'), 'okmot-zhana-yunisef');
    assert.equal(slugOf("The Secretary-General's visit to Dublín"), 'the-secretary-generals-visit-to-dublin');
  });

  it('cuts a long title at a word, within 60 characters', () => {
    const slug = slugOf('The United Nations Development Assistance Framework for Kyrgyzstan, 2005 to 2010, presented');
    assert.equal(slug, 'the-united-nations-development-assistance-framework-for');
    assert.ok(slug.length <= 60);
  });
});

describe('parseNewArgs', () => {
  it('reads a news item dated today, its title quoted or not', () => {
    assert.deepEqual(parseNewArgs(['news', 'UNDP opens office in Osh'], TODAY), {
      kind: 'news',
      path: undefined,
      title: 'UNDP opens office in Osh',
      date: TODAY,
    });
    assert.equal(parseNewArgs(['news', 'UNDP', 'opens', 'office'], TODAY).title, 'UNDP opens office');
  });

  it('dates a news item by --date, and refuses a day that does not exist', () => {
    assert.equal(parseNewArgs(['news', '--date', '2026-11-20', 'UN Day'], TODAY).date, '2026-11-20');
    assert.throws(() => parseNewArgs(['news', 'UN Day', '--date', '2026-02-30'], TODAY), /--date needs a day written as YYYY-MM-DD/);
  });

  it('reads a page by its folder and name, then its title', () => {
    assert.deepEqual(parseNewArgs(['page', 'un-in-kyrgyzstan/agencies/undp', 'UNDP'], TODAY), {
      kind: 'page',
      path: 'un-in-kyrgyzstan/agencies/undp',
      title: 'UNDP',
      date: TODAY,
    });
  });

  it('says what is wrong with bad arguments', () => {
    const cases: [string[], RegExp][] = [
      [[], /say what to create: news, page or section/],
      [['post', 'A title'], /"post" is not something npm run new makes/],
      [['news'], /give the news item a title/],
      [['page'], /say where the page goes/],
      [['page', 'agencies/undp'], /give the page a title/],
      [['page', 'agencies/undp', 'UNDP', '--date', TODAY], /--date is for news items only/],
      [['news', 'A title', '--force'], /unknown option --force/],
    ];
    for (const [args, message] of cases)
      assert.throws(
        () => parseNewArgs(args, TODAY),
        (error: unknown) => error instanceof UsageError && message.test(error.message),
      );
  });
});

describe('normalisePath', () => {
  it('accepts what an editor may type: backslashes, content/, .md, capitals and spaces', () => {
    assert.equal(normalisePath('content\\UN-in-Kyrgyzstan\\Agencies\\UNICEF Office.md'), 'un-in-kyrgyzstan/agencies/unicef-office');
    assert.equal(normalisePath('/un-in-kyrgyzstan/programmes/index.md'), 'un-in-kyrgyzstan/programmes');
  });

  it('refuses a path with an empty or unnamable folder', () => {
    assert.throws(() => normalisePath('agencies//undp'), UsageError);
    assert.throws(() => normalisePath('agencies/???'), UsageError);
  });
});

describe('planNewPage', () => {
  it('puts a news item in news/, named by its day and title as the others are, with today for both dates', () => {
    const news = plan(['news', 'UNDP opens office in Osh']);
    assert.equal(news.file, 'news/2026-11-27-undp-opens-office-in-osh.md');
    assert.equal(news.url, '/news/2026-11-27-undp-opens-office-in-osh');
    assert.equal(
      news.text,
      [
        '---',
        'title: UNDP opens office in Osh',
        `description: ${PLACEHOLDER_DESCRIPTION}`,
        'updated: 2026-11-27',
        'date: 2026-11-27',
        'draft: true',
        '---',
        '',
        'Replace this paragraph with the text of the page.',
        '',
      ].join('\n'),
    );
  });

  it('writes a file the site reads as a valid draft, even with a title that YAML must quote', () => {
    const news = plan(['news', 'UNDP: a new office in Osh']);
    const page = readPage(news.file, Buffer.from(news.text));
    assert.equal(page.title, 'UNDP: a new office in Osh');
    assert.equal(page.draft, true);
    assert.equal(page.date?.toISOString(), '2026-11-27T00:00:00.000Z');
  });

  it('puts a page in its folder, beside a section page written either as index.md or as a file beside the folder', () => {
    assert.equal(plan(['page', 'un-in-kyrgyzstan/agencies/undp', 'UNDP']).file, 'un-in-kyrgyzstan/agencies/undp.md');
    assert.equal(plan(['page', 'cca/common-country-assessment-2008', 'CCA 2008']).file, 'cca/common-country-assessment-2008.md');
  });

  it('makes a section as the index.md of its folder, with the section layout', () => {
    const section = plan(['section', 'un-in-kyrgyzstan/programmes', 'Joint programmes']);
    assert.equal(section.file, 'un-in-kyrgyzstan/programmes/index.md');
    assert.match(section.text, /\nlayout: section\n/);
  });

  it('refuses an address a file already has, however that file is written', () => {
    assert.equal(
      refusal(['page', 'un-in-kyrgyzstan/agencies/unodc', 'UNODC']),
      'NewPageError: content/un-in-kyrgyzstan/agencies/unodc/index.md already has the address /un-in-kyrgyzstan/agencies/unodc; ' +
        'edit that file, or choose another name',
    );
    assert.match(refusal(['section', 'CCA', 'CCA']), /content\/cca\.md already has the address \/cca/);
    assert.match(refusal(['news', '--date', '2004-12-02', 'High-level Panel report published']), /already has the address .*choose another title/);
  });

  it('refuses a page whose folder has no page of its own, and says how to make one', () => {
    assert.equal(
      refusal(['page', 'un-in-kyrgyzstan/programmes/joint', 'Joint programme']),
      'NewPageError: there is no page at /un-in-kyrgyzstan/programmes, so the new page would be in no list and have no breadcrumb above it; ' +
        'create it first: npm run new -- section un-in-kyrgyzstan/programmes "Title of the section"',
    );
  });

  it("refuses the site's own addresses and a title the site would reject", () => {
    assert.match(refusal(['page', 'search', 'Search']), /\/search is an address of the site itself/);
    assert.match(refusal(['news', 'x'.repeat(151)]), /the page would not be valid: title must be at most 150 characters; it has 151/);
  });

  it('says when it renamed what was typed, and when the title is too long for a browser tab', () => {
    assert.deepEqual(plan(['page', 'un-in-kyrgyzstan/agencies/UNDP', 'UNDP']).notes, [
      'Named un-in-kyrgyzstan/agencies/undp, as addresses use lowercase letters, digits and hyphens only.',
    ]);
    const long = plan(['news', 'The United Nations Development Assistance Framework for Kyrgyzstan is presented to the President']);
    assert.match(long.notes.join('\n'), /The title is long for a browser tab: add a line "linkTitle:"/);
  });
});

describe('placeholderWarnings', () => {
  it('warns, with the line, about a description and a text still as npm run new wrote them', () => {
    const request: NewPageRequest = { kind: 'news', path: undefined, title: 'UNDP opens office in Osh', date: TODAY };
    const made = planNewPage(request, EXISTING, ROUTES);
    const page = readPage(made.file, Buffer.from(made.text));
    const site = buildSite({ pages: [page], navigation: EMPTY_NAVIGATION, removed: [], includeDrafts: true, now: Date.now() });
    assert.deepEqual(
      placeholderWarnings(site, () => made.text).map((problem) => formatProblem(problem)),
      [
        `${made.file}:3: warning: the description is still the placeholder from npm run new: write one or two sentences about this page`,
        `${made.file}:9: warning: the text is still the placeholder from npm run new: replace that paragraph with the text of the page`,
      ],
    );
  });

  it('is quiet once both are written', () => {
    const text = '---\ntitle: UNDP\ndescription: UNDP opened its office in Osh in 2006, its second in the country.\nupdated: 2026-11-27\n---\n\nText.\n';
    const site = buildSite({
      pages: [readPage('undp.md', Buffer.from(text))],
      navigation: EMPTY_NAVIGATION,
      removed: [],
      includeDrafts: true,
      now: Date.now(),
    });
    assert.deepEqual(
      placeholderWarnings(site, () => text),
      [],
    );
  });
});

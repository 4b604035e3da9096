import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ContentError, formatProblem } from '../../src/content/problem.js';
import { readPage } from '../../src/content/read-page.js';
import { FIXTURES } from '../helpers/test-app.js';

const MISTAKES = path.join(FIXTURES, 'content', 'editor-mistakes');
/** A fixed today, so that messages suggesting today's date can be asserted exactly. */
const today = new Date('2026-11-27T09:30:00Z');
const FIELDS = 'title, linkTitle, description, updated, date, draft, aliases, sitemap, weight, layout, publish, expires, review, menu and original';

/** Reads a fixture as the page `file` and returns its problems as `npm run check` prints them, or [] if it is a good page. */
function problemsOf(fixture: string, file = path.basename(fixture)): string[] {
  try {
    readPage(file, readFileSync(path.join(MISTAKES, fixture)), { today });
    return [];
  } catch (error) {
    assert.ok(error instanceof ContentError, `expected a ContentError, got ${String(error)}`);
    return error.toProblems().map((problem) => formatProblem(problem));
  }
}

describe('a value of the wrong type is reported as what it is, with what to write', () => {
  it('says draft must be true or false, quoting "yes"', () => {
    assert.deepEqual(problemsOf('front-matter/draft-yes.md'), ['draft-yes.md:5: draft must be true or false (you wrote "yes")']);
  });
  it('says sitemap must be true or false, quoting "no"', () => {
    assert.deepEqual(problemsOf('front-matter/sitemap-no.md'), ['sitemap-no.md:5: sitemap must be true or false (you wrote "no")']);
  });
  it('says weight must be a whole number, quoting the word written', () => {
    assert.deepEqual(problemsOf('front-matter/weight-a-word.md'), ['weight-a-word.md:5: weight must be a whole number, such as 10 (you wrote "first")']);
  });
  it('suggests the nearest whole number for a weight with a fraction', () => {
    assert.deepEqual(problemsOf('front-matter/weight-a-fraction.md'), ['weight-a-fraction.md:5: weight must be a whole number, such as 3 (you wrote "2.5")']);
  });
  it('tells to put a title that reads as a number in quotes, showing the line fixed', () => {
    assert.deepEqual(problemsOf('front-matter/title-a-number.md'), [
      'title-a-number.md:2: title must be text, but 2006 reads as a number: put it in quotes, title: "2006"',
    ]);
  });
  it('shows aliases written on one line as a list, one address a line', () => {
    assert.deepEqual(problemsOf('front-matter/aliases-not-a-list.md'), [
      'aliases-not-a-list.md:5: aliases must be a list, with each item on its own line after "- ", like this:\n    aliases:\n      - /english/mdg.phtml',
    ]);
  });
  it('names the 2nd alias, on its own line, when it lacks its slash', () => {
    assert.deepEqual(problemsOf('front-matter/alias-without-slash.md'), [
      'alias-without-slash.md:7: the 2nd item of aliases must be an old address starting with /, such as /english/news.phtml, without spaces or # ' +
        '(you wrote "english/mdg.phtml")',
    ]);
  });
  it('says an empty title is empty, with a title made from the file name', () => {
    assert.deepEqual(problemsOf('front-matter/title-empty.md'), ['title-empty.md:2: title is empty: write its value after the colon, title: Title empty']);
  });
  it('explains that a title starting with # was read as a comment', () => {
    assert.deepEqual(problemsOf('front-matter/title-starts-with-hash.md'), [
      'title-starts-with-hash.md:2: title starts with "#", which begins a comment and hides the rest: put it in quotes, title: "#1 agency in Osh"',
    ]);
  });
  it('lists the layouts and guesses the one meant', () => {
    assert.deepEqual(problemsOf('front-matter/layout-misspelt.md'), [
      'layout-misspelt.md:5: layout must be one of page, section, news (you wrote "sections"): did you mean section?',
    ]);
  });
  it('gives the length of a description that is too short', () => {
    assert.deepEqual(problemsOf('front-matter/description-too-short.md'), [
      'description-too-short.md:3: description must be at least 20 characters: search engines show it under the title; it has 15',
    ]);
  });
});

describe('a missing field is reported with the line to add', () => {
  it("suggests today's date for a missing updated", () => {
    assert.deepEqual(problemsOf('front-matter/updated-missing.md'), ['updated-missing.md:2: updated is missing: add a line updated: 2026-11-27']);
  });
  it('suggests a title made from the file name for a missing title', () => {
    assert.deepEqual(problemsOf('front-matter/title-missing.md'), ['title-missing.md:2: title is missing: add a line title: Title missing']);
  });
  it('reports a misspelt field once, with the field it meant, and not that field as missing too', () => {
    assert.deepEqual(problemsOf('front-matter/field-misspelt.md'), [
      `field-misspelt.md:2: unknown field "tittle": did you mean title? The fields allowed here are ${FIELDS}`,
    ]);
  });
  it('asks a news item for its date, suggesting today', () => {
    assert.deepEqual(problemsOf('news/2026-11-20-item-without-date.md', 'news/2026-11-20-item-without-date.md'), [
      'news/2026-11-20-item-without-date.md:2: date is missing: a news item needs the day of the event, so add a line date: 2026-11-27',
    ]);
  });
  it('does not ask the news section page itself for a date', () => {
    assert.deepEqual(problemsOf('news/index.md', 'news/index.md'), []);
  });
});

describe('dates', () => {
  it('refuses 30 February, saying why that day does not exist', () => {
    assert.deepEqual(problemsOf('front-matter/updated-impossible-date.md'), [
      'updated-impossible-date.md:4: updated must be a real date, and 2026-02-30 is not: February 2026 has 28 days',
    ]);
  });
  it('refuses a thirteenth month in date: as well as in updated:', () => {
    assert.deepEqual(problemsOf('front-matter/date-impossible-month.md'), [
      'date-impossible-month.md:5: date must be a real date, and 2026-13-01 is not: there is no month 13: months run from 01 to 12',
    ]);
  });
  it('rewrites a date written day first as YYYY-MM-DD', () => {
    assert.deepEqual(problemsOf('front-matter/updated-day-first.md'), [
      'updated-day-first.md:4: updated must be a date written as YYYY-MM-DD, so write 2026-11-27 (you wrote "27.11.2026")',
    ]);
  });
});

describe('YAML mistakes are told in an editor’s words, on the right line', () => {
  it('tells to put a title with a colon in quotes, showing the line fixed', () => {
    assert.deepEqual(problemsOf('front-matter/title-with-colon.md'), [
      'title-with-colon.md:2: the title contains ": ", which is read as the start of another field: put it in quotes, ' +
        'title: "UN Day 2006: sixty-one years of the UN"',
    ]);
  });
  it('does the same for a description with a colon', () => {
    assert.deepEqual(problemsOf('front-matter/description-with-colon.md'), [
      'description-with-colon.md:3: the description contains ": ", which is read as the start of another field: put it in quotes, ' +
        'description: "Report: the year of the United Nations in Kyrgyzstan"',
    ]);
  });
  it('puts a title that starts with a quoted word in the other kind of quotes', () => {
    assert.deepEqual(problemsOf('front-matter/title-in-quotes-and-more.md'), [
      'title-in-quotes-and-more.md:2: the title starts with a quote mark but goes on after the closing one: put it in the other kind of quotes, ' +
        `title: '"UN House" in Bishkek'`,
    ]);
  });
  it('names a field written twice and both of its lines', () => {
    assert.deepEqual(problemsOf('front-matter/field-written-twice.md'), [
      'field-written-twice.md:5: title is written twice, on lines 2 and 5: keep only one of them',
    ]);
  });
  it('points at a line indented with a tab', () => {
    assert.deepEqual(problemsOf('front-matter/tab-indent.md'), [
      'tab-indent.md:6: this line is indented with a tab: indent with spaces only, so replace the tab with spaces, lined up with the lines around it',
    ]);
  });
  it('points at the line that opens a quote never closed, not at the end of the front matter', () => {
    assert.deepEqual(problemsOf('front-matter/unclosed-quote.md'), [
      'unclosed-quote.md:2: the title opens a quote (") that is never closed: add one at the end, title: "UN House in Bishkek"',
    ]);
  });
  it('asks for a space after the colon of "title:UN House"', () => {
    assert.deepEqual(problemsOf('front-matter/space-missing-after-colon.md'), ['space-missing-after-colon.md:2: put a space after the colon: title: UN House']);
  });
});

describe('every fault of a page at once', () => {
  it('reports each fault of the front matter on its own line, in line order', () => {
    assert.deepEqual(problemsOf('front-matter/several-faults.md'), [
      'several-faults.md:2: title must be text, but 2006 reads as a number: put it in quotes, title: "2006"',
      'several-faults.md:3: description must be at least 20 characters: search engines show it under the title; it has 6',
      'several-faults.md:4: updated must be a real date, and 2026-02-29 is not: February 2026 has 28 days',
      'several-faults.md:5: draft must be true or false (you wrote "yes")',
      `several-faults.md:6: unknown field "colour": the fields allowed here are ${FIELDS}`,
    ]);
  });
});

describe('a level-1 heading in the body', () => {
  it('is an error on its line, saying the title is the heading and sections start at ##', () => {
    assert.deepEqual(problemsOf('body/heading-level-one.md'), [
      'heading-level-one.md:7: "# Country info" would be a second top heading: the title is the page\'s heading, so start sections at ## ' +
        '(## Country info), or delete this line if it repeats the title',
    ]);
  });
  it('counts a heading underlined with "=" too', () => {
    assert.deepEqual(problemsOf('body/heading-underlined.md'), [
      'heading-underlined.md:9: "Provinces" underlined with "=" would be a second top heading: the title is the page\'s heading, ' +
        'so start sections at ## (## Provinces, and delete the "=" line), or delete it if it repeats the title',
    ]);
  });
  it('is not a "#" line inside a code block', () => {
    assert.deepEqual(problemsOf('body/hash-in-code-block.md'), []);
  });
});

// Each partial rendered from example locals (as GOV.UK Frontend tests its components), and locals that fail loudly.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { parseHTML } from 'linkedom';
import { PROJECT_PATHS } from '../../src/project-paths.js';
import type { NavLinkLocals } from '../../src/render/partial-locals.js';
import { ERROR_PAGE_SEARCH, HEADER_SEARCH, resultsPageSearch } from '../../src/render/search-forms.js';
import { MissingLocalError } from '../../src/render/strict-locals.js';
import type { PartialName, TemplateLocals } from '../../src/render/template-locals.js';
import { Views } from '../../src/render/views.js';

const views = new Views(PROJECT_PATHS.views, { checkLocals: true });

const HOSTILE = '<script>alert("x")</script> & "quotes"';

const link = (title: string, url: string, current: NavLinkLocals['current'] = undefined): NavLinkLocals => ({ title, url, current });

/** Example locals for every partial; the type makes a partial without examples a compile error. */
const examples: { readonly [N in PartialName]: Readonly<Record<string, TemplateLocals[N]>> } = {
  'partials/nav-link': {
    'a plain link': link('Country info', '/country-info'),
    'the page itself': link('MDG', '/mdg', 'page'),
    'the section of the page': link('UN in Kyrgyzstan', '/un-in-kyrgyzstan', 'true'),
    'hostile text': link(HOSTILE, '/x"onmouseover="alert(1)'),
  },
  'partials/search-form': {
    'in the header': HEADER_SEARCH,
    'on error pages': ERROR_PAGE_SEARCH,
    'on the results page': resultsPageSearch('osh'),
    'holding a hostile query': resultsPageSearch(HOSTILE),
  },
  'partials/breadcrumbs': {
    'none (the home page)': { items: [] },
    'ending at a page': {
      items: [
        { title: 'Home', url: '/' },
        { title: 'UNODC', url: '/un-in-kyrgyzstan/agencies/unodc' },
        { title: 'Projects', url: '/un-in-kyrgyzstan/agencies/unodc/projects' },
      ],
    },
    'ending at an error page without an address': {
      items: [
        { title: 'Home', url: '/' },
        { title: 'Page not found', url: undefined },
      ],
    },
    'hostile text': {
      items: [
        { title: 'Home', url: '/' },
        { title: HOSTILE, url: undefined },
      ],
    },
  },
  'partials/header': {
    'on the home page': { isHome: true, search: HEADER_SEARCH, primary: [link('Home', '/', 'page')], secondary: [link('Contacts', '/contacts')] },
    'on another page': {
      isHome: false,
      search: HEADER_SEARCH,
      primary: [link('Home', '/'), link('MDG', '/mdg', 'true')],
      secondary: [link('Jobs', '/jobs'), link(HOSTILE, '/contacts')],
    },
  },
  'partials/footer': {
    'with links': { links: [link('Contacts', '/contacts'), link('Statistics', '/stats', 'page')] },
    'without links': { links: [] },
  },
};

function render<N extends PartialName>(name: N, example: string): string {
  const locals = examples[name][example];
  assert.ok(locals, `no example "${example}" of ${name}`);
  return views.render(name, locals);
}

function dom(fragment: string): Document {
  return parseHTML(`<!DOCTYPE html><html><body>${fragment}</body></html>`).document;
}

function only<E extends Element>(document: Document, selector: string): E {
  const found = document.querySelectorAll<E>(selector);
  assert.equal(found.length, 1, `expected one ${selector}, found ${found.length}`);
  return found[0]!;
}

describe('partial examples', () => {
  it('has examples for every partial in views/partials', () => {
    const files = readdirSync(path.join(PROJECT_PATHS.views, 'partials'))
      .filter((file) => file.endsWith('.ejs'))
      .map((file) => `partials/${file.slice(0, -'.ejs'.length)}`);
    assert.deepEqual(Object.keys(examples).sort(), files.sort());
  });

  for (const [name, byExample] of Object.entries(examples) as [PartialName, Record<string, object>][]) {
    for (const example of Object.keys(byExample)) {
      it(`renders ${name} ${example} without reading a local it lacks`, () => {
        assert.doesNotThrow(() => render(name, example));
      });
    }
  }
});

describe('partials/nav-link', () => {
  it('renders one list item with the link', () => {
    const document = dom(render('partials/nav-link', 'a plain link'));
    const anchor = only<HTMLAnchorElement>(document, 'li > a');
    assert.equal(anchor.getAttribute('href'), '/country-info');
    assert.equal(anchor.textContent, 'Country info');
  });

  it('marks the page itself with aria-current="page" and its section with aria-current="true"', () => {
    assert.equal(only(dom(render('partials/nav-link', 'the page itself')), 'a').getAttribute('aria-current'), 'page');
    assert.equal(only(dom(render('partials/nav-link', 'the section of the page')), 'a').getAttribute('aria-current'), 'true');
    assert.equal(only(dom(render('partials/nav-link', 'a plain link')), 'a').hasAttribute('aria-current'), false);
  });

  it('escapes the title and the address', () => {
    const output = render('partials/nav-link', 'hostile text');
    assert.ok(output.includes('&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &#34;quotes&#34;'), output);
    const document = dom(output);
    assert.equal(document.querySelector('script'), null);
    const anchor = only(document, 'a');
    assert.equal(anchor.textContent, HOSTILE);
    assert.equal(anchor.getAttribute('href'), '/x"onmouseover="alert(1)');
    assert.equal(anchor.hasAttribute('onmouseover'), false);
  });
});

describe('partials/search-form', () => {
  it('gives each form its own input id, which its label points at', () => {
    const ids = ['in the header', 'on error pages', 'on the results page'].map((example) => {
      const document = dom(render('partials/search-form', example));
      const input = only<HTMLInputElement>(document, 'form[role="search"][action="/search"][method="get"] input[name="q"][type="search"]');
      assert.equal(only(document, 'label').getAttribute('for'), input.id);
      assert.equal(only(document, 'label').textContent, 'Search the site');
      assert.equal(input.getAttribute('maxlength'), '200');
      return input.id;
    });
    assert.deepEqual(ids, ['site-search-q', 'error-search-q', 'search-page-q']);
  });

  it('names the header landmark "Site" and the others "Search again"', () => {
    const label = (example: string) => only(dom(render('partials/search-form', example)), 'form').getAttribute('aria-label');
    assert.deepEqual(['in the header', 'on error pages', 'on the results page'].map(label), ['Site', 'Search again', 'Search again']);
  });

  it('hides the label in the header, where a placeholder says the same', () => {
    const header = dom(render('partials/search-form', 'in the header'));
    assert.equal(only(header, 'label').className, 'visually-hidden');
    assert.equal(only(header, 'input').getAttribute('placeholder'), 'Search the site');
    assert.equal(only(header, 'input').getAttribute('autocomplete'), 'off');
    const error = dom(render('partials/search-form', 'on error pages'));
    assert.equal(only(error, 'label').hasAttribute('class'), false);
    assert.equal(only(error, 'input').hasAttribute('placeholder'), false);
  });

  it('keeps the box and the button in one row on the results page only', () => {
    const results = dom(render('partials/search-form', 'on the results page'));
    assert.equal(only(results, 'form').className, 'search-form');
    assert.equal(only(results, '.search-form__row > input + button[type="submit"]').textContent, 'Search');
    assert.equal(dom(render('partials/search-form', 'in the header')).querySelector('div'), null);
  });

  it('holds the query on the results page, escaped, and nothing elsewhere', () => {
    assert.equal(only(dom(render('partials/search-form', 'on the results page')), 'input').getAttribute('value'), 'osh');
    const output = render('partials/search-form', 'holding a hostile query');
    assert.ok(output.includes('value="&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &#34;quotes&#34;"'), output);
    const document = dom(output);
    assert.equal(document.querySelector('script'), null);
    assert.equal(only(document, 'input').getAttribute('value'), HOSTILE);
    assert.equal(only(dom(render('partials/search-form', 'on error pages')), 'input').hasAttribute('value'), false);
  });
});

describe('partials/breadcrumbs', () => {
  it('renders nothing without items', () => {
    assert.equal(render('partials/breadcrumbs', 'none (the home page)'), '');
  });

  it('links every item, the last one marked as the page itself', () => {
    const document = dom(render('partials/breadcrumbs', 'ending at a page'));
    const anchors = [...document.querySelectorAll('nav[aria-label="Breadcrumb"] ol > li > a')];
    assert.deepEqual(
      anchors.map((anchor) => anchor.getAttribute('href')),
      ['/', '/un-in-kyrgyzstan/agencies/unodc', '/un-in-kyrgyzstan/agencies/unodc/projects'],
    );
    assert.deepEqual(
      anchors.map((anchor) => anchor.getAttribute('aria-current')),
      [null, null, 'page'],
    );
  });

  it('shows a last item without an address as text marked as the page itself', () => {
    const document = dom(render('partials/breadcrumbs', 'ending at an error page without an address'));
    const last = only(document, 'li:last-child > span[aria-current="page"]');
    assert.equal(last.textContent, 'Page not found');
    assert.equal(document.querySelectorAll('a').length, 1);
  });

  it('escapes the titles', () => {
    const document = dom(render('partials/breadcrumbs', 'hostile text'));
    assert.equal(document.querySelector('script'), null);
    assert.equal(only(document, 'span[aria-current="page"]').textContent, HOSTILE);
  });
});

describe('partials/header', () => {
  it('marks the wordmark as the current page on the home page only', () => {
    assert.equal(only(dom(render('partials/header', 'on the home page')), 'a.wordmark').getAttribute('aria-current'), 'page');
    assert.equal(only(dom(render('partials/header', 'on another page')), 'a.wordmark').hasAttribute('aria-current'), false);
  });

  it('holds the header search form and one link per navigation item, in its row', () => {
    const document = dom(render('partials/header', 'on another page'));
    assert.equal(only(document, 'form.site-search input').id, 'site-search-q');
    const titles = (row: string) => [...document.querySelectorAll(`.site-nav__row--${row} > li > a`)].map((anchor) => anchor.textContent);
    assert.deepEqual(titles('primary'), ['Home', 'MDG']);
    assert.deepEqual(titles('secondary'), ['Jobs', HOSTILE]);
    assert.equal(only(document, 'a[href="/mdg"]').getAttribute('aria-current'), 'true');
    assert.equal(document.querySelector('script'), null);
  });
});

describe('partials/footer', () => {
  it('lists the footer links in a navigation landmark', () => {
    const document = dom(render('partials/footer', 'with links'));
    const anchors = [...document.querySelectorAll('footer nav[aria-label="Footer"] li > a')];
    assert.deepEqual(
      anchors.map((anchor) => [anchor.getAttribute('href'), anchor.getAttribute('aria-current')]),
      [
        ['/contacts', null],
        ['/stats', 'page'],
      ],
    );
  });

  it('leaves the navigation out when there are no links, but keeps the credits', () => {
    const document = dom(render('partials/footer', 'without links'));
    assert.equal(document.querySelector('nav'), null);
    assert.match(only(document, '.site-footer__credits').textContent ?? '', /UN in Kyrgyzstan, 2007/);
  });
});

describe('locals that a template lacks', () => {
  // Templates of our own making, in a folder of their own, so that a misspelling can be written on purpose.
  const dir = mkdtempSync(path.join(tmpdir(), 'un-kg-views-'));
  mkdirSync(path.join(dir, 'partials'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string) => writeFileSync(path.join(dir, `${name}.ejs`), text);

  it('throws on a misspelt local instead of rendering an empty string', () => {
    write('partials/nav-link', '<a href="<%= it.url %>"><%= it.titel %></a>');
    const checked = new Views(dir, { checkLocals: true });
    assert.throws(
      () => checked.render('partials/nav-link', link('MDG', '/mdg')),
      (error: unknown) => {
        assert.ok(error instanceof MissingLocalError);
        assert.equal(error.template, 'partials/nav-link');
        assert.equal(error.local, 'it.titel');
        assert.match(error.message, /they have: title, url, current/);
        return true;
      },
    );
  });

  it('renders the same misspelling as an empty string when the check is off, as in production', () => {
    write('partials/nav-link', '<a href="<%= it.url %>"><%= it.titel %></a>');
    assert.equal(new Views(dir, { checkLocals: false }).render('partials/nav-link', link('MDG', '/mdg')), '<a href="/mdg"></a>');
  });

  it('throws on a misspelt key of an item inside the locals, naming where it is', () => {
    write('partials/breadcrumbs', '<% it.items.forEach(function (crumb) { %><%= crumb.tilte %><% }) %>');
    const checked = new Views(dir, { checkLocals: true });
    assert.throws(() => checked.render('partials/breadcrumbs', { items: [{ title: 'Home', url: '/' }] }), /partials\/breadcrumbs reads it\.items\[0\]\.tilte/);
  });

  it('throws when a builder leaves out a key the template reads', () => {
    const incomplete = { title: 'MDG', url: '/mdg' } as unknown as NavLinkLocals;
    assert.throws(() => views.render('partials/nav-link', incomplete), /partials\/nav-link reads it\.current/);
  });

  it('gives a partial its own locals only, not its parent’s', () => {
    write('partials/footer', "<%- include('partials/nav-link', it.links[0]) %>");
    write('partials/nav-link', '<%= it.links %>');
    const checked = new Views(dir, { checkLocals: true });
    assert.throws(() => checked.render('partials/footer', { links: [link('MDG', '/mdg')] }), /partials\/nav-link reads it\.links/);
  });

  it('refuses an include without locals', () => {
    write('partials/footer', "<%- include('partials/nav-link') %>");
    const unchecked = new Views(dir, { checkLocals: false });
    assert.throws(() => unchecked.render('partials/footer', { links: [] }), /include\('partials\/nav-link'\) needs the partial's locals/);
  });
});

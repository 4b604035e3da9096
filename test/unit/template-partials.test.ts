// Each partial rendered from example locals (as GOV.UK Frontend tests its components), and locals that fail loudly.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { parseHTML } from 'linkedom';
import { PROJECT_PATHS } from '../../src/project-paths.js';
import type { FooterLocals, ForumFormLocals, HeaderLocals, NavLinkLocals, TextFieldLocals } from '../../src/render/partial-locals.js';
import { languageOf } from '../../src/content/languages.js';
import { InterfaceTexts } from '../../src/render/interface-text.js';
import { errorPageSearch, headerSearch, resultsPageSearch } from '../../src/render/search-forms.js';
import { MissingLocalError } from '../../src/render/strict-locals.js';
import type { PartialName, TemplateLocals } from '../../src/render/template-locals.js';
import { Views } from '../../src/render/views.js';
import { assertAbsent } from '../helpers/assert-absent.js';

const views = new Views(PROJECT_PATHS.views, { checkLocals: true });
const texts = InterfaceTexts.read(PROJECT_PATHS.i18n);
const english = texts.of(languageOf('en'));
const russian = texts.of(languageOf('ru'));
const HEADER_SEARCH = headerSearch(english);

const HOSTILE = '<script>alert("x")</script> & "quotes"';

const link = (title: string, url: string, current: NavLinkLocals['current'] = undefined): NavLinkLocals => ({ title, url, current });

const field = (overrides: Partial<TextFieldLocals> = {}): TextFieldLocals => ({
  t: english.t,
  id: 'username',
  name: 'username',
  label: 'Username',
  type: 'text',
  rows: undefined,
  value: undefined,
  hint: undefined,
  error: undefined,
  autocomplete: 'username',
  spellcheck: false,
  ...overrides,
});

const loginForm = (fields: readonly TextFieldLocals[]): ForumFormLocals => ({
  t: english.t,
  action: '/forum/login',
  hidden: [
    { name: 'csrf', value: 'token-value' },
    { name: 'next', value: '/forum' },
  ],
  fields,
  submit: 'Log in',
  warning: false,
  privacyUrl: '/forum/privacy',
  trap: undefined,
});

function header(overrides: Partial<HeaderLocals>): HeaderLocals {
  return {
    isHome: false,
    homeUrl: '/',
    wordmark: { short: 'UN', name: 'The United Nations', in: 'in Kyrgyzstan' },
    menuLabel: 'Menu',
    navLabel: 'Site',
    languages: { label: 'Language', links: [{ lang: 'ru', url: '/ru', text: 'Русский', note: undefined }] },
    search: HEADER_SEARCH,
    primary: [],
    secondary: [],
    ...overrides,
  };
}

function footer(links: readonly NavLinkLocals[]): FooterLocals {
  return { credits: ['Copyright © UN in Kyrgyzstan, 2007', HOSTILE], label: 'Footer', links };
}

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
    'on error pages': errorPageSearch(english),
    'on the results page': resultsPageSearch(english, 'osh'),
    'holding a hostile query': resultsPageSearch(english, HOSTILE),
    'in Russian, to /ru/search': headerSearch(russian),
  },
  'partials/breadcrumbs': {
    'none (the home page)': { label: 'Breadcrumb', items: [] },
    'ending at a page': {
      label: 'Breadcrumb',
      items: [
        { title: 'Home', url: '/' },
        { title: 'UNODC', url: '/un-in-kyrgyzstan/agencies/unodc' },
        { title: 'Projects', url: '/un-in-kyrgyzstan/agencies/unodc/projects' },
      ],
    },
    'ending at an error page without an address': {
      label: 'Breadcrumb',
      items: [
        { title: 'Home', url: '/' },
        { title: 'Page not found', url: undefined },
      ],
    },
    'hostile text': {
      label: HOSTILE,
      items: [
        { title: 'Home', url: '/' },
        { title: HOSTILE, url: undefined },
      ],
    },
  },
  'partials/header': {
    'on the home page': header({ isHome: true, primary: [link('Home', '/', 'page')], secondary: [link('Contacts', '/contacts')] }),
    'on another page': header({ primary: [link('Home', '/'), link('MDG', '/mdg', 'true')], secondary: [link('Jobs', '/jobs'), link(HOSTILE, '/contacts')] }),
    'on a page not translated': header({ languages: { label: 'Language', links: [{ lang: 'ru', url: '/ru', text: 'На главную', note: 'Не переведено.' }] } }),
  },
  'partials/language-switcher': {
    'to the translation': { label: 'Language', links: [{ lang: 'ru', url: '/ru/mdg', text: 'Русский', note: undefined }] },
    'to the home page of a language the page is not in': {
      label: 'Язык',
      links: [{ lang: 'en', url: '/', text: 'Go to the English home page', note: 'This page has not been translated into English.' }],
    },
    'hostile text': { label: HOSTILE, links: [{ lang: 'ru', url: '/x"onmouseover="alert(1)', text: HOSTILE, note: HOSTILE }] },
  },
  'partials/footer': {
    'with links': footer([link('Contacts', '/contacts'), link('Statistics', '/stats', 'page')]),
    'without links': footer([]),
  },
  'partials/error-summary': {
    'two errors': {
      t: english.t,
      errors: [
        { fieldId: 'username', text: 'Enter a username' },
        { fieldId: 'password', text: 'Password must be 15 characters or more' },
      ],
    },
    'hostile text': { t: english.t, errors: [{ fieldId: 'x"onfocus="alert(1)', text: HOSTILE }] },
  },
  'partials/text-field': {
    empty: field(),
    'with a hint': field({ hint: 'It is shown with everything you post.' }),
    'with what was typed and an error': field({ value: 'aida', hint: 'Letters and numbers.', error: 'That username is taken' }),
    'a password sent back with an error': field({
      id: 'password',
      name: 'password',
      label: 'Password',
      type: 'password',
      value: 'typed secret',
      autocomplete: 'current-password',
      error: 'Enter your password',
    }),
    'hostile text': field({ label: HOSTILE, value: HOSTILE, hint: HOSTILE, error: HOSTILE }),
    'a textarea keeping what was typed': field({
      id: 'body',
      name: 'body',
      label: 'Message',
      type: 'textarea',
      rows: 8,
      value: '\nFirst line\n</textarea>',
      error: 'Enter your message',
    }),
  },
  'partials/forum-form': {
    'log in': loginForm([field(), field({ id: 'password', name: 'password', label: 'Password', type: 'password', autocomplete: 'current-password' })]),
    'a button only, in red': { ...loginForm([]), action: '/forum/account/delete', submit: 'Delete my account', warning: true },
    'a post with its honeypot': {
      ...loginForm([field({ id: 'body', name: 'body', label: 'Message', type: 'textarea', rows: 8 })]),
      action: '/forum/t/1/reply',
      submit: 'Post reply',
      trap: { id: 'website', name: 'website' },
    },
  },
  'partials/forum-bar': {
    'signed out': { t: english.t, signedIn: false, loginUrl: '/forum/login', registerUrl: '/forum/register' },
    'signed in': {
      t: english.t,
      signedIn: true,
      username: 'Aida',
      accountUrl: '/forum/account',
      logoutUrl: '/forum/logout',
      csrfToken: 'session-token',
      moderation: undefined,
    },
    'a moderator, with the queue': {
      t: english.t,
      signedIn: true,
      username: 'Bakyt',
      accountUrl: '/forum/account',
      logoutUrl: '/forum/logout',
      csrfToken: 'session-token',
      moderation: { url: '/forum/moderation', waiting: '3 waiting' },
    },
    'signed in with a hostile name': {
      t: english.t,
      signedIn: true,
      username: HOSTILE,
      accountUrl: '/forum/account',
      logoutUrl: '/forum/logout',
      csrfToken: 't',
      moderation: undefined,
    },
  },
  'partials/pagination': {
    'the first page': { t: english.t, label: 'Pages of this topic', page: 1, pageCount: 3, previousUrl: undefined, nextUrl: '/forum/t/1?page=2' },
    'a middle page': { t: english.t, label: 'Pages of this topic', page: 2, pageCount: 3, previousUrl: '/forum/t/1', nextUrl: '/forum/t/1?page=3' },
  },
  'partials/forum-post': {
    'a post with its actions': {
      t: english.t,
      anchor: 'post-7',
      author: 'Aida',
      role: undefined,
      written: { iso: '2026-11-27T09:00:00.000Z', text: '27 November 2026 at 15:00' },
      edited: undefined,
      bodyHtml: '<p>Where is UN House?</p>',
      statusLabel: undefined,
      permalink: '/forum/post/7',
      actions: [{ text: 'Quote', url: '/forum/t/1/reply?quote=7', hiddenText: ' the post by Aida' }],
    },
    'an edited post awaiting approval, by a moderator, hostile text': {
      t: english.t,
      anchor: 'post-8',
      author: HOSTILE,
      role: 'Moderator',
      written: { iso: '2026-11-27T09:00:00.000Z', text: HOSTILE },
      edited: { iso: '2026-11-27T10:00:00.000Z', text: '27 November 2026 at 16:00' },
      bodyHtml: '<p>Rendered by post-html.ts.</p>',
      statusLabel: 'Awaiting approval',
      permalink: '/forum/post/8',
      actions: [],
    },
  },
  'partials/notice': {
    'a title and a sentence': { title: 'Your password has been changed', text: 'You have been logged out everywhere else.' },
    'a title only': { title: 'Welcome', text: undefined },
    'hostile text': { title: HOSTILE, text: HOSTILE },
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
    assertAbsent(document, 'script');
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
    assertAbsent(dom(render('partials/search-form', 'in the header')), 'div');
  });

  it('holds the query on the results page, escaped, and nothing elsewhere', () => {
    assert.equal(only(dom(render('partials/search-form', 'on the results page')), 'input').getAttribute('value'), 'osh');
    const output = render('partials/search-form', 'holding a hostile query');
    assert.ok(output.includes('value="&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &#34;quotes&#34;"'), output);
    const document = dom(output);
    assertAbsent(document, 'script');
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
    const anchors = [...document.querySelectorAll('nav[aria-labelledby="breadcrumbs-name"] ol > li > a')];
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
    assertAbsent(document, 'script');
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
    assertAbsent(document, 'script');
  });
});

describe('partials/footer', () => {
  it('lists the footer links in a navigation landmark', () => {
    const document = dom(render('partials/footer', 'with links'));
    const anchors = [...document.querySelectorAll('footer nav[aria-labelledby="footer-nav-name"] li > a')];
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
    assertAbsent(document, 'nav');
    assert.match(only(document, '.site-footer__credits').textContent ?? '', /UN in Kyrgyzstan, 2007/);
  });
});

describe('partials/error-summary', () => {
  it('is focused as the page loads, announced, and links each error to its field', () => {
    const document = dom(render('partials/error-summary', 'two errors'));
    const summary = only(document, '.error-summary');
    assert.equal(summary.getAttribute('tabindex'), '-1');
    assert.equal(summary.hasAttribute('autofocus'), true);
    assert.equal(only(document, '[role="alert"] h2').textContent, 'There is a problem');
    assert.deepEqual(
      [...document.querySelectorAll('[role="alert"] li > a')].map((anchor) => [anchor.getAttribute('href'), anchor.textContent]),
      [
        ['#username', 'Enter a username'],
        ['#password', 'Password must be 15 characters or more'],
      ],
    );
  });

  it('escapes the messages and the field ids', () => {
    const document = dom(render('partials/error-summary', 'hostile text'));
    assertAbsent(document, 'script');
    const anchor = only(document, 'li > a');
    assert.equal(anchor.textContent, HOSTILE);
    assert.equal(anchor.hasAttribute('onfocus'), false);
  });
});

describe('partials/text-field', () => {
  it('labels the input, and describes it by nothing when it has neither hint nor error', () => {
    const document = dom(render('partials/text-field', 'empty'));
    const input = only<HTMLInputElement>(document, 'input#username[name="username"][type="text"][autocomplete="username"][spellcheck="false"]');
    assert.equal(only(document, 'label').getAttribute('for'), input.id);
    assert.equal(input.hasAttribute('aria-describedby'), false);
    assert.equal(input.hasAttribute('aria-invalid'), false);
    assert.equal(input.hasAttribute('value'), false);
  });

  it('ties the hint and the error to the input, marks it invalid, and shows back what was typed', () => {
    const document = dom(render('partials/text-field', 'with what was typed and an error'));
    const input = only<HTMLInputElement>(document, 'input');
    assert.equal(input.getAttribute('aria-describedby'), 'username-hint username-error');
    assert.equal(input.getAttribute('aria-invalid'), 'true');
    assert.equal(input.getAttribute('value'), 'aida');
    assert.equal(only(document, '#username-hint').textContent, 'Letters and numbers.');
    assert.equal(only(document, '#username-error').textContent, 'Error: That username is taken');
    assert.equal(only(document, '#username-error .visually-hidden').textContent, 'Error:');
    assert.ok(only(document, '.form-group').classList.contains('form-group--error'));
  });

  it('never writes a password back into the page, even when its locals hold one', () => {
    const output = render('partials/text-field', 'a password sent back with an error');
    assert.ok(!output.includes('typed secret'), output);
    assert.equal(only(dom(output), 'input[type="password"]').hasAttribute('value'), false);
  });

  it('escapes the label, hint, error and value', () => {
    const document = dom(render('partials/text-field', 'hostile text'));
    assertAbsent(document, 'script');
    assert.equal(only(document, 'label').textContent, HOSTILE);
    assert.equal(only(document, 'input').getAttribute('value'), HOSTILE);
  });
});

describe('partials/text-field as a textarea', () => {
  it('keeps what was typed exactly, a first blank line and a closing tag included, as text', () => {
    const output = render('partials/text-field', 'a textarea keeping what was typed');
    // HTML drops one newline straight after <textarea> (RCDATA): the template writes one, so a text's own first blank line stays.
    assert.ok(output.includes('aria-invalid="true">\n\nFirst line\n&lt;/textarea&gt;</textarea>'), output);
    const document = dom(output);
    const textarea = only<HTMLTextAreaElement>(document, 'textarea#body[name="body"][rows="8"][aria-invalid="true"]');
    assert.equal(textarea.getAttribute('aria-describedby'), 'body-error');
    assertAbsent(document, 'input');
  });
});

describe('partials/forum-form', () => {
  it('hides a posting form’s honeypot from people and screen readers, out of the tab order', () => {
    const document = dom(render('partials/forum-form', 'a post with its honeypot'));
    const trap = only(document, '.form-trap[aria-hidden="true"]');
    const input = only<HTMLInputElement>(document, '.form-trap input#website[name="website"]');
    assert.equal(input.getAttribute('tabindex'), '-1');
    assert.equal(input.getAttribute('autocomplete'), 'off');
    assert.equal(trap.querySelector('label')?.getAttribute('for'), 'website');
    assertAbsent(dom(render('partials/forum-form', 'log in')), '.form-trap');
  });

  it('posts its fields with the CSRF token, lets the server judge them, and links the privacy page', () => {
    const document = dom(render('partials/forum-form', 'log in'));
    const form = only(document, 'form[action="/forum/login"][method="post"][novalidate]');
    assert.deepEqual(
      [...form.querySelectorAll('input[type="hidden"]')].map((input) => [input.getAttribute('name'), input.getAttribute('value')]),
      [
        ['csrf', 'token-value'],
        ['next', '/forum'],
      ],
    );
    assert.equal(form.querySelectorAll('.form-group input').length, 2);
    assert.equal(only(document, 'button[type="submit"]').textContent, 'Log in');
    assert.equal(only(document, '.forum-form__privacy a').getAttribute('href'), '/forum/privacy');
  });

  it('draws a button for what cannot be undone as a warning', () => {
    assert.equal(only(dom(render('partials/forum-form', 'a button only, in red')), 'button').className, 'button--warning');
    assert.equal(only(dom(render('partials/forum-form', 'log in')), 'button').hasAttribute('class'), false);
  });
});

describe('partials/forum-bar', () => {
  it('offers log in and register to a reader', () => {
    const document = dom(render('partials/forum-bar', 'signed out'));
    assert.deepEqual(
      [...document.querySelectorAll('nav[aria-labelledby="forum-bar-name"] a')].map((anchor) => anchor.getAttribute('href')),
      ['/forum/login', '/forum/register'],
    );
    assertAbsent(document, 'form');
  });

  it('shows a member who they are, their account, and a log-out button that posts the session’s token', () => {
    const document = dom(render('partials/forum-bar', 'signed in'));
    assert.equal(only(document, '.forum-bar__who strong').textContent, 'Aida');
    assert.equal(only(document, 'form[action="/forum/logout"][method="post"] input[name="csrf"]').getAttribute('value'), 'session-token');
    assert.equal(only(document, 'form button[type="submit"]').textContent, 'Log out');
  });

  it('shows moderators the queue and how many posts wait in it, and members nothing of it', () => {
    const document = dom(render('partials/forum-bar', 'a moderator, with the queue'));
    assert.equal(only(document, 'a[href="/forum/moderation"]').textContent, 'Moderation (3 waiting)');
    assertAbsent(dom(render('partials/forum-bar', 'signed in')), 'a[href="/forum/moderation"]');
  });

  it('escapes the username', () => {
    const document = dom(render('partials/forum-bar', 'signed in with a hostile name'));
    assertAbsent(document, 'script');
    assert.equal(only(document, 'strong').textContent, HOSTILE);
  });
});

describe('partials/forum-post', () => {
  it('is an article at its anchor, named by its author, with its time, permanent link and actions', () => {
    const document = dom(render('partials/forum-post', 'a post with its actions'));
    const article = only(document, 'article#post-7');
    assert.equal(only(document, `#${article.getAttribute('aria-labelledby')}`).textContent, 'Aida');
    assert.equal(only(document, 'a[href="/forum/post/7"] time').getAttribute('datetime'), '2026-11-27T09:00:00.000Z');
    assert.equal(only(document, '.forum-post__body').innerHTML.trim(), '<p>Where is UN House?</p>');
    assert.equal(only(document, '.forum-post__actions a').textContent, 'Quote the post by Aida');
    assertAbsent(document, '.forum-post__edited');
  });

  it('marks an edit with its time and a post only some people see, and escapes everything but the body', () => {
    const document = dom(render('partials/forum-post', 'an edited post awaiting approval, by a moderator, hostile text'));
    assert.equal(only(document, '.forum-post__edited time').getAttribute('datetime'), '2026-11-27T10:00:00.000Z');
    assert.equal(only(document, '.forum-mark--status').textContent, 'Awaiting approval');
    assert.equal(only(document, '.forum-role').textContent, 'Moderator');
    assertAbsent(document, 'script');
    assert.equal(only(document, 'h2').textContent, `${HOSTILE} Moderator`);
  });
});

describe('partials/pagination', () => {
  it('links the pages before and after, and says where the reader is', () => {
    const first = dom(render('partials/pagination', 'the first page'));
    assertAbsent(first, 'a[rel="prev"]');
    assert.equal(only(first, 'nav[aria-label="Pages of this topic"] a[rel="next"]').getAttribute('href'), '/forum/t/1?page=2');
    const middle = dom(render('partials/pagination', 'a middle page'));
    assert.equal(only(middle, 'a[rel="prev"]').getAttribute('href'), '/forum/t/1');
    assert.equal(only(middle, '.pagination__where').textContent, 'Page 2 of 3');
  });
});

describe('partials/notice', () => {
  it('is a status message with its title, and the sentence when there is one', () => {
    const document = dom(render('partials/notice', 'a title and a sentence'));
    assert.equal(only(document, '[role="status"] .notice__title').textContent, 'Your password has been changed');
    assert.equal(document.querySelectorAll('p').length, 2);
    assert.equal(dom(render('partials/notice', 'a title only')).querySelectorAll('p').length, 1);
    assertAbsent(dom(render('partials/notice', 'hostile text')), 'script');
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
    assert.throws(
      () => checked.render('partials/breadcrumbs', { label: 'Breadcrumb', items: [{ title: 'Home', url: '/' }] }),
      /partials\/breadcrumbs reads it\.items\[0\]\.tilte/,
    );
  });

  it('throws when a builder leaves out a key the template reads', () => {
    const incomplete = { title: 'MDG', url: '/mdg' } as unknown as NavLinkLocals;
    assert.throws(() => views.render('partials/nav-link', incomplete), /partials\/nav-link reads it\.current/);
  });

  it('gives a partial its own locals only, not its parent’s', () => {
    write('partials/footer', "<%- include('partials/nav-link', it.links[0]) %>");
    write('partials/nav-link', '<%= it.links %>');
    const checked = new Views(dir, { checkLocals: true });
    assert.throws(() => checked.render('partials/footer', footer([link('MDG', '/mdg')])), /partials\/nav-link reads it\.links/);
  });

  it('refuses an include without locals', () => {
    write('partials/footer', "<%- include('partials/nav-link') %>");
    const unchecked = new Views(dir, { checkLocals: false });
    assert.throws(() => unchecked.render('partials/footer', footer([])), /include\('partials\/nav-link'\) needs the partial's locals/);
  });
});

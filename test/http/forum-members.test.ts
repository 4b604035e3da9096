// HTTP tests: registering, logging in and out, the session cookie, CSRF from other sites, and brute force, through the app.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { App } from '../../src/app.js';
import { GOOD_PASSWORD, hiddenFields, SAME_ORIGIN, setCookies, SITE_ORIGIN, Visitor } from '../helpers/forum-web.js';
import { TestClock } from '../helpers/forum.js';
import { html, testApp } from '../helpers/test-app.js';

/** An app whose per-client limits count each Visitor apart (TRUST_PROXY), on a clock the test moves. */
function forumApp(clock = new TestClock()): App {
  return testApp({ TRUST_PROXY: 'on' }, { clock: clock.read });
}

describe('registering and logging in', () => {
  const app = forumApp();
  after(() => app.close());

  it('gives the registration form a pre-session cookie and a token, and nothing a cache may keep', async () => {
    const visitor = new Visitor(app);
    const page = await visitor.get('/forum/register');
    assert.equal(page.status, 200);
    assert.equal(page.headers['cache-control'], 'private, no-store');
    const [cookie, ...others] = setCookies(page);
    assert.deepEqual(others, []);
    assert.equal(cookie?.name, '__Host-presession');
    assert.deepEqual(cookie?.attributes, ['Path=/', 'HttpOnly', 'Secure', 'SameSite=Strict', 'Max-Age=7200']);
    assert.match(hiddenFields(page.text, '/forum/register')['csrf'] ?? '', /^[0-9a-z]+\.[A-Za-z0-9_-]{43}$/);
    assert.equal(html(page.text).querySelector('meta[name="robots"]')?.getAttribute('content'), 'noindex');
  });

  it('creates the account, logs the member in with a new session cookie, and welcomes them on their account page', async () => {
    const visitor = new Visitor(app);
    const created = await visitor.register('Aida');
    assert.equal(created.status, 303);
    assert.equal(created.headers['location'], '/forum/account?welcome=1');
    assert.equal(created.headers['cache-control'], 'private, no-store');
    assert.deepEqual(
      setCookies(created).map((cookie) => cookie.name),
      ['__Host-session', '__Host-presession'],
    );
    assert.equal(visitor.cookies.has('__Host-presession'), false, 'the pre-session ends once there is a session');
    const account = await visitor.get('/forum/account?welcome=1');
    assert.equal(account.status, 200);
    assert.equal(account.headers['cache-control'], 'private, no-store');
    const document = html(account.text);
    assert.equal(document.querySelector('.notice__title')?.textContent, 'Welcome to the forum, Aida');
    assert.equal(document.querySelector('.forum-bar__who strong')?.textContent, 'Aida');
    assert.equal(document.querySelector('.summary-list dd')?.textContent, 'Aida');
  });

  it('sets the session cookie with exactly these flags: __Host-session, HttpOnly, Secure, SameSite=Lax, Path=/, no Domain', async () => {
    const visitor = new Visitor(app);
    await visitor.register('Bakyt');
    const login = await new Visitor(app).login('bakyt');
    assert.equal(login.status, 303);
    const session = setCookies(login).find((cookie) => cookie.name === '__Host-session');
    assert.ok(session);
    assert.match(session.value, /^[A-Za-z0-9_-]{43}$/);
    assert.deepEqual([...session.attributes].sort(), ['HttpOnly', 'Path=/', 'SameSite=Lax', 'Secure']);
    assert.ok(!session.attributes.some((attribute) => /^(domain|max-age|expires)=/i.test(attribute)), 'a session cookie, for this host only');
  });

  it('gives a new token at every login and ends the one the browser had, so a planted token never logs anyone in', async () => {
    await new Visitor(app).register('Chynara');
    const attacker = new Visitor(app);
    await attacker.register('Daniyar');
    const planted = attacker.sessionToken!;
    const victim = new Visitor(app);
    victim.cookies.set('__Host-session', planted);
    await victim.login('Chynara');
    assert.ok(victim.sessionToken && victim.sessionToken !== planted);
    const withPlanted = new Visitor(app);
    withPlanted.cookies.set('__Host-session', planted);
    assert.equal((await withPlanted.get('/forum/account')).status, 303, 'the planted token was ended at login');
  });

  it('sends a member who logs in back to the forum page they came from, and never to another site', async () => {
    await new Visitor(app).register('Elmira');
    const back = await new Visitor(app).submit('/forum/login?next=%2Fforum%2Fprivacy', { username: 'Elmira', password: GOOD_PASSWORD });
    assert.equal(back.headers['location'], '/forum/privacy');
    const away = await new Visitor(app).submit('/forum/login?next=https%3A%2F%2Fevil.example%2F', { username: 'Elmira', password: GOOD_PASSWORD });
    assert.equal(away.headers['location'], '/forum');
  });

  it('refuses a taken name in any spelling, and a weak password, keeping what was typed except the passwords', async () => {
    const visitor = new Visitor(app);
    await visitor.register('Farida');
    const again = await new Visitor(app).submit('/forum/register', {
      username: 'FARIDA',
      email: 'farida@example.org',
      password: 'password1234567',
      'password-confirm': 'password1234567',
    });
    assert.equal(again.status, 422);
    const document = html(again.text);
    assert.equal(document.title, 'Error: Create an account – Forum – UN in Kyrgyzstan');
    assert.deepEqual(
      [...document.querySelectorAll('.error-summary a')].map((link) => [link.getAttribute('href'), link.textContent]),
      [
        ['#username', 'That username is taken. Choose a different one'],
        ['#password', 'Password is too common and would be guessed quickly. Choose a different one'],
      ],
    );
    assert.equal(document.querySelector('#username')?.getAttribute('value'), 'FARIDA');
    assert.equal(document.querySelector('#email')?.getAttribute('value'), 'farida@example.org');
    assert.ok(!again.text.includes('password1234567'), 'a password is never sent back');
  });
});

describe('a form sent back with errors', () => {
  const app = forumApp();
  after(() => app.close());

  it('lists every error at the top, linked to its field, and marks each field with its message', async () => {
    const response = await new Visitor(app).submit('/forum/register', {
      username: 'a b',
      email: 'not-an-address',
      password: 'short',
      'password-confirm': 'other',
    });
    assert.equal(response.status, 422);
    const document = html(response.text);
    const summary = document.querySelector('.error-summary');
    assert.ok(summary);
    assert.ok(summary.hasAttribute('autofocus') && summary.getAttribute('tabindex') === '-1');
    assert.ok(summary.querySelector('[role="alert"]'));
    const links = [...document.querySelectorAll('.error-summary a')].map((link) => link.getAttribute('href'));
    assert.deepEqual(links, ['#username', '#password', '#password-confirm']);
    for (const id of ['username', 'password', 'password-confirm']) {
      const input = document.querySelector(`#${id}`);
      assert.equal(input?.getAttribute('aria-invalid'), 'true', id);
      const described = input?.getAttribute('aria-describedby')?.split(' ') ?? [];
      assert.ok(described.includes(`${id}-error`), `${id} is described by its error`);
      assert.match(document.querySelector(`#${id}-error`)?.textContent ?? '', /^Error: \S/);
    }
    assert.equal(document.querySelector('#username')?.getAttribute('value'), 'a b');
    assert.equal(document.querySelector('#password')?.hasAttribute('value'), false);
    assert.ok(!response.text.includes('value="short"'));
  });

  it('asks for what is missing in the login form, in the site layout under both navigation rows, with breadcrumbs', async () => {
    const response = await new Visitor(app).submit('/forum/login', { username: '', password: '' });
    assert.equal(response.status, 422);
    const document = html(response.text);
    assert.deepEqual(
      [...document.querySelectorAll('.error-summary a')].map((link) => link.textContent),
      ['Enter your username', 'Enter your password'],
    );
    assert.equal(document.querySelectorAll('.site-nav__row').length, 2);
    assert.deepEqual(
      [...document.querySelectorAll('.breadcrumbs li')].map((item) => item.textContent),
      ['Home', 'Forum', 'Log in'],
    );
  });

  it('says a wrong username or password without saying which, keeping the username', async () => {
    await new Visitor(app).register('Gulnara');
    const response = await new Visitor(app).login('Gulnara', 'not the password at all');
    assert.equal(response.status, 422);
    const document = html(response.text);
    assert.equal(document.querySelector('#password-error')?.textContent, 'Error: The username or password is not right. Check both and try again');
    assert.equal(document.querySelector('#username')?.getAttribute('value'), 'Gulnara');
    const nobody = html((await new Visitor(app).login('Nobody-at-all', 'not the password at all')).text);
    assert.equal(nobody.querySelector('#password-error')?.textContent, document.querySelector('#password-error')?.textContent);
  });
});

describe('logging out', () => {
  const app = forumApp();
  after(() => app.close());

  it('ends the session on the server: a stolen copy of the cookie stops working', async () => {
    const member = new Visitor(app);
    await member.register('Ilyas');
    const stolen = new Visitor(app);
    stolen.cookies.set('__Host-session', member.sessionToken!);
    assert.equal((await stolen.get('/forum/account')).status, 200, 'the copy works while the session lives');

    const page = await member.get('/forum/logout');
    const out = await member.post('/forum/logout', hiddenFields(page.text, '/forum/logout'));
    assert.equal(out.status, 303);
    assert.equal(out.headers['location'], '/forum/logout');
    assert.ok(setCookies(out).some((cookie) => cookie.name === '__Host-session' && cookie.attributes.includes('Max-Age=0')));
    assert.equal(member.sessionToken, undefined);

    const after = await stolen.get('/forum/account');
    assert.equal(after.status, 303);
    assert.equal(after.headers['location'], '/forum/login?next=%2Fforum%2Faccount');
    assert.ok(
      setCookies(after).some((cookie) => cookie.name === '__Host-session' && cookie.attributes.includes('Max-Age=0')),
      'the dead cookie is removed',
    );
    assert.match((await member.get('/forum/logout')).text, /You are logged out/);
  });

  it('never logs out on a GET: the page shows a button', async () => {
    const member = new Visitor(app);
    await member.register('Jamila');
    const page = await member.get('/forum/logout');
    assert.equal(page.status, 200);
    assert.equal(html(page.text).querySelector('main h1')?.textContent, 'Log out');
    assert.equal((await member.get('/forum/account')).status, 200);
  });
});

describe('forms sent from another site (CSRF)', () => {
  const app = forumApp();
  let member: Visitor;
  let csrf: string;
  before(async () => {
    member = new Visitor(app);
    await member.register('Kanat');
    csrf = hiddenFields((await member.get('/forum/logout')).text, '/forum/logout')['csrf']!;
  });
  after(() => app.close());

  const assertRefused = (response: { status: number; text: string }): void => {
    assert.equal(response.status, 403);
    assert.match(response.text, /The form was not accepted/);
  };

  it('refuses a member’s form without the session’s token, or with a wrong one, and the session goes on', async () => {
    assertRefused(await member.post('/forum/logout', {}));
    assertRefused(await member.post('/forum/logout', { csrf: 'A'.repeat(43) }));
    assertRefused(await member.post('/forum/account/delete', { password: GOOD_PASSWORD }));
    assert.equal((await member.get('/forum/account')).status, 200);
  });

  it('refuses a form whose Origin is another site, or whose Sec-Fetch-Site says cross-site, even with the right token', async () => {
    assertRefused(await member.post('/forum/logout', { csrf }, { Origin: 'https://evil.example' }));
    assertRefused(await member.post('/forum/logout', { csrf }, { 'Sec-Fetch-Site': 'cross-site', Origin: SITE_ORIGIN }));
    assertRefused(await member.post('/forum/logout', { csrf }, { Origin: 'null' }));
    assert.equal((await member.get('/forum/account')).status, 200);
    assert.equal((await member.post('/forum/logout', { csrf })).status, 303, 'the same form from the site itself works');
  });

  it('refuses a login form without a token, with another browser’s token, or from another site (login CSRF)', async () => {
    await new Visitor(app).register('Lola');
    const attacker = new Visitor(app);
    const attackerToken = hiddenFields((await attacker.get('/forum/login')).text, '/forum/login')['csrf']!;
    const victim = new Visitor(app);
    await victim.get('/forum/login');
    assertRefused(await victim.post('/forum/login', { username: 'Lola', password: GOOD_PASSWORD }));
    assertRefused(await victim.post('/forum/login', { csrf: attackerToken, username: 'Lola', password: GOOD_PASSWORD }));
    const own = hiddenFields((await victim.get('/forum/login')).text, '/forum/login')['csrf']!;
    assertRefused(await victim.post('/forum/login', { csrf: own, username: 'Lola', password: GOOD_PASSWORD }, { 'Sec-Fetch-Site': 'cross-site' }));
    assertRefused(await new Visitor(app).post('/forum/login', { csrf: own, username: 'Lola', password: GOOD_PASSWORD }, SAME_ORIGIN));
    assert.equal(victim.sessionToken, undefined);
  });

  it('answers a JSON client with the reason in JSON, not the page', async () => {
    const response = await new Visitor(app).post('/forum/login', {}, { ...SAME_ORIGIN, Accept: 'application/json' });
    assert.equal(response.status, 403);
    assert.equal((response.body as { title: string }).title, 'The form was not accepted');
  });
});

describe('guessing passwords', () => {
  const clock = new TestClock();
  const app = forumApp(clock);
  after(() => app.close());

  it('slows failed logins after five, then locks the account for hours after twenty, with 429 pages that say when', async () => {
    await new Visitor(app).register('Meerim');
    const guesser = new Visitor(app);
    for (let attempt = 1; attempt <= 5; attempt += 1) assert.equal((await guesser.login('Meerim', `wrong guess number ${attempt}`)).status, 422);
    const slowed = await guesser.login('Meerim', 'wrong guess number 6');
    assert.equal(slowed.status, 429);
    const wait = Number(slowed.headers['retry-after']);
    // The sliding window keeps counting the last window's failures, weighted, into the next: at most two windows.
    assert.ok(wait > 0 && wait <= 30 * 60, `Retry-After ${wait}`);
    assert.match(html(slowed.text).querySelector('main')?.textContent ?? '', /You can try again in \d+ minutes?\./);
    assert.equal(slowed.headers['cache-control'], 'no-store');

    // Waiting as told is enough each time; after twenty failures in a day the wait is hours, whoever guesses.
    let failures = 5;
    let last = slowed;
    for (let round = 0; round < 200; round += 1) {
      const retryAfter = last.status === 429 ? Number(last.headers['retry-after']) : 0;
      if (retryAfter >= 3600) break;
      clock.advance(retryAfter * 1000);
      last = await new Visitor(app).login('Meerim', `wrong guess number ${failures + 1}`);
      if (last.status === 422) failures += 1;
    }
    assert.equal(failures, 20);
    assert.equal(last.status, 429);
    assert.match(html(last.text).querySelector('main')?.textContent ?? '', /You can try again in \d+ hours\./);
    const owner = await new Visitor(app).login('Meerim');
    assert.equal(owner.status, 429, 'while locked, not even the right password is checked');
  });

  it('limits registrations from one address, with a 429 page', async () => {
    for (let index = 1; index <= 5; index += 1) assert.equal((await new Visitor(app, '203.0.113.50').register(`Newcomer${index}`)).status, 303);
    const sixth = await new Visitor(app, '203.0.113.50').register('Newcomer6');
    assert.equal(sixth.status, 429);
    assert.ok(Number(sixth.headers['retry-after']) > 0);
    assert.match(sixth.text, /Too many accounts have been created from your network in a short time\. You can try again in \d+ minutes?\./);
  });
});

// resolve(): what each kind of address resolves to, as a table, against a small fake snapshot.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { prepare, type Prepared } from '../../src/http/prepared.js';
import { resolve, type Addresses, type Resolution } from '../../src/http/resolve.js';
import { routeTable } from '../../src/routes/app-route.js';

const respond = (body: string, status = 200): Prepared => prepare(body, { status, contentType: 'text/plain', cacheControl: 'no-store', securityHeaders: [] });
const PAGE = respond('about');
const ASSET = respond('css');
const GONE = respond('gone', 410);
const NOT_FOUND = respond('not found', 404);

const addresses: Addresses = {
  prepared: (path) =>
    ({ '/about': { prepared: PAGE, page: true }, '/css/site.css': { prepared: ASSET, page: false }, '/old-news': { prepared: GONE, page: false } })[path],
  redirect: (address) => ({ '/english/agency.phtml?unodc': '/about', '/old-about': '/about' })[address],
  notFound: () => NOT_FOUND,
};
const routes = routeTable([{ paths: ['/search'] }, { paths: [], prefixes: ['/forum'] }]);

/** A resolution in a form a table can state: kind and its one detail. */
function summary(resolution: Resolution): string {
  switch (resolution.kind) {
    case 'serve':
      return `serve ${resolution.hit.prepared === PAGE ? 'page' : resolution.hit.prepared === ASSET ? 'asset' : 'gone'}`;
    case 'redirect':
      return `redirect ${resolution.location}`;
    case 'reject':
      return `reject ${resolution.error.status}${resolution.error.headers['Allow'] ? ` (Allow: ${resolution.error.headers['Allow']})` : ''}`;
    case 'route':
      return 'route';
    case 'not-found':
      return resolution.page === NOT_FOUND ? 'not-found' : 'not-found (wrong page)';
  }
}

const table: [method: string, url: string, expected: string][] = [
  ['GET', '/about', 'serve page'],
  ['HEAD', '/about', 'serve page'],
  ['GET', '/about?utm_source=x', 'serve page'],
  ['GET', '/css/site.css', 'serve asset'],
  ['GET', '/old-news', 'serve gone'],
  ['POST', '/about', 'reject 405 (Allow: GET, HEAD)'],
  ['DELETE', '/old-news', 'reject 405 (Allow: GET, HEAD)'],
  ['GET', '/english/agency.phtml?unodc', 'redirect /about'],
  ['GET', '/old-about', 'redirect /about'],
  ['GET', '/Old-About', 'redirect /about'],
  ['GET', '/About', 'redirect /about'],
  ['GET', '/about/', 'redirect /about'],
  ['GET', '//about?a=1', 'redirect /about?a=1'],
  ['GET', '/search?q=osh', 'route'],
  ['POST', '/search', 'route'],
  ['GET', '/Search?q=osh', 'redirect /search?q=osh'],
  ['GET', '/forum', 'route'],
  ['GET', '/forum/general/12', 'route'],
  ['GET', '/forum/', 'redirect /forum'],
  ['GET', '/forum/general/', 'redirect /forum/general'],
  ['GET', '/forum//general', 'redirect /forum/general'],
  ['POST', '/forum/login', 'route'],
  ['GET', '/forumx', 'not-found'],
  ['GET', '/no-such-page', 'not-found'],
  ['POST', '/no-such-page', 'not-found'],
  ['GET', '/%zz', 'reject 400'],
  ['GET', '/about?q=%zz', 'reject 400'],
  ['GET', '/a/../about', 'reject 400'],
  ['GET', '/a%00b', 'reject 400'],
  ['GET', 'about', 'reject 400'],
  ['GET', `/${'a'.repeat(3000)}`, 'reject 414'],
];

describe('resolve', () => {
  for (const [method, url, expected] of table) {
    it(`${method} ${url.length > 60 ? `${url.slice(0, 20)}…` : url} -> ${expected}`, () => {
      assert.equal(summary(resolve(addresses, routes, method, url)), expected);
    });
  }
});

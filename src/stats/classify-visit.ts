// What a page view may tell about its visitor, and nothing more: a coarse device class, bot or not, where from.
import type { IncomingHttpHeaders } from 'node:http';
import { isHostName } from '../lib/host-name.js';

export type Device = 'desktop' | 'mobile' | 'tablet' | 'other';

export interface Visit {
  readonly device: Device;
  readonly bot: boolean;
  /**
   * The referring site's host name, only when the visit came from another site and the name is a valid DNS host name
   * ('' otherwise): the Referer header is the client's to write, and the name is shown on a public page.
   */
  readonly referrerHost: string;
}

// Crawlers, monitors, link previews and load generators. Counted apart, never in the totals.
const ROBOT = /bot|crawl|spider|slurp|archiver|fetch|monitor|preview|facebookexternalhit|headless|lighthouse|scrapy|wrk|autocannon/;
/**
 * Scripted clients, by the name each HTTP library or tool sends of itself: a script's request is no person's view. Node's
 * own fetch sends just "node" (and Deno and Bun their names), so those match only at the start; the rest are names no
 * browser's user agent contains.
 */
const SCRIPTED = new RegExp(
  [
    '^(?:node|deno|bun|ruby)(?:/|$)',
    'curl|wget|python|java/|java-http-client|go-http|node-fetch|axios|undici|got \\(|okhttp|httpclient|libwww|httpie|ktor',
    'dart:io|guzzle|php/|ruby/|rest-client|faraday|hackney|ureq|postmanruntime|insomnia|powershell',
  ].join('|'),
);
/** Either, or no user agent at all (browsers always send one). */
function isRobot(agent: string): boolean {
  const lower = agent.toLowerCase();
  return lower === '' || ROBOT.test(lower) || SCRIPTED.test(lower);
}

/** Whether the visitor asked not to be tracked (Do Not Track, Global Privacy Control): then nothing is counted. */
export function optedOut(headers: IncomingHttpHeaders): boolean {
  return headers['dnt'] === '1' || headers['sec-gpc'] === '1';
}

/** Device and bot flag by user agent: a few browsers send nearly every request, and the tests are regular expressions. */
const agents = new Map<string, Pick<Visit, 'device' | 'bot'>>();

function classifyAgent(agent: string): Pick<Visit, 'device' | 'bot'> {
  let known = agents.get(agent);
  if (!known) {
    const bot = isRobot(agent);
    const device: Device = bot
      ? 'other'
      : /ipad|tablet|kindle|silk|playbook/i.test(agent)
        ? 'tablet'
        : /mobi|iphone|android|phone/i.test(agent)
          ? 'mobile'
          : /windows|macintosh|linux|cros|x11/i.test(agent)
            ? 'desktop'
            : 'other';
    known = { device, bot };
    // Bounded, so a client sending endless distinct user agents cannot grow it.
    if (agents.size < 512) agents.set(agent, known);
  }
  return known;
}

export function classifyVisit(headers: IncomingHttpHeaders, siteHost: string): Visit {
  const { device, bot } = classifyAgent(headers['user-agent'] ?? '');
  return { device, bot, referrerHost: referrerHost(headers['referer'], siteHost) };
}

function referrerHost(referer: string | undefined, siteHost: string): string {
  if (!referer) return '';
  try {
    const url = new URL(referer);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return '';
    const host = url.hostname
      .toLowerCase()
      .replace(/^www\./, '')
      .replace(/\.$/, '');
    return host === siteHost.replace(/^www\./, '') || !isHostName(host) ? '' : host;
  } catch {
    return '';
  }
}

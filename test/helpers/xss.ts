// Finds what would run script in a rendered page: dangerous elements, event handlers, script URLs, and open external links.
const DANGEROUS_ELEMENTS = ['script', 'svg', 'math', 'iframe', 'frame', 'object', 'embed', 'style', 'link', 'meta', 'base', 'form', 'applet'];
const URL_ATTRIBUTES = ['href', 'src', 'srcset', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'background'];
const DANGEROUS_SCHEMES = ['javascript', 'vbscript', 'data', 'file'];

/** Percent escapes decoded byte by byte until none is left (each round shortens the text), so neither a broken escape nor double encoding hides a scheme. */
function percentDecoded(text: string): string {
  let current = text;
  for (;;) {
    const next = current.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    if (next === current) break;
    current = next;
  }
  return current;
}

/** The scheme a URL attribute names once entities (already decoded by the parser), percent escapes, whitespace and controls are gone. */
export function schemeOf(url: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  const stripped = percentDecoded(url).replace(/[\u0000-\u0020\u007f-\u009f\u00ad\u200b-\u200d\ufeff]/g, '');
  return /^([a-z][a-z0-9+.-]*):/i.exec(stripped)?.[1]?.toLowerCase();
}

/** A link leaves the site when the browser would resolve it to another origin. */
function isExternal(href: string): boolean {
  const base = 'https://site.invalid/section/page';
  try {
    return new URL(href, base).origin !== 'https://site.invalid';
  } catch {
    return false;
  }
}

/** Every problem in a parsed document's body or in one element, as text; an empty list means nothing there can run script or leak the opener. */
export function xssProblems(scope: Document | Element, options: { allowElements?: readonly string[] } = {}): string[] {
  const problems: string[] = [];
  const root = 'body' in scope ? scope.body : scope;
  for (const name of DANGEROUS_ELEMENTS) {
    if (options.allowElements?.includes(name)) continue;
    for (const element of root.querySelectorAll(name)) problems.push(`<${name}>: ${element.outerHTML.slice(0, 80)}`);
  }
  for (const element of root.querySelectorAll('*')) {
    for (const attribute of [...element.attributes]) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith('on')) problems.push(`${name}= on <${element.tagName.toLowerCase()}>`);
      // The CSP allows no inline style: it would be blocked, and it could lay a fake form over the page.
      if (name === 'style') problems.push(`style= on <${element.tagName.toLowerCase()}>`);
      if (URL_ATTRIBUTES.includes(name)) {
        const scheme = schemeOf(attribute.value);
        if (scheme && DANGEROUS_SCHEMES.includes(scheme)) problems.push(`${scheme}: in ${name} ${JSON.stringify(attribute.value)}`);
      }
    }
    if (element.tagName.toLowerCase() === 'a') {
      const href = element.getAttribute('href') ?? '';
      const rel = new Set((element.getAttribute('rel') ?? '').toLowerCase().split(/\s+/));
      if (isExternal(href) && !(rel.has('noopener') && rel.has('noreferrer'))) problems.push(`external link ${href} without rel="noopener noreferrer"`);
    }
  }
  return problems;
}

// A strict well-formedness check for the XML the site writes (feeds, sitemaps): no DTD, CDATA or comments expected.
/** Characters XML 1.0 allows (§2.2): tab, newline, carriage return and everything from space up, bar the non-characters. */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;
const NAME = '[A-Za-z_][\\w.:-]*';
const ATTRIBUTE = new RegExp(`^\\s+${NAME}\\s*=\\s*("[^"<]*"|'[^'<]*')`);

/** Text (split at every <, so it holds none) may hold only the five entities and numeric references: a bare & breaks every reader. */
function textProblem(text: string): string | undefined {
  const entity = /&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i.exec(text);
  return entity ? `a bare & in ${JSON.stringify(text.slice(Math.max(0, entity.index - 20), entity.index + 20))}` : undefined;
}

/** The problems that make `xml` not well-formed, as text; empty when it is. */
export function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  if (NOT_XML.test(xml)) problems.push('a character XML does not allow');
  const body = xml.replace(/^<\?xml [^?]*\?>\s*/, '');
  const open: string[] = [];
  let rest = body;
  let roots = 0;
  while (rest.length > 0) {
    const next = rest.indexOf('<');
    const text = next === -1 ? rest : rest.slice(0, next);
    const problem = textProblem(text);
    if (problem) problems.push(problem);
    if (open.length === 0 && text.trim() !== '') problems.push('text outside the root element');
    if (next === -1) break;
    rest = rest.slice(next);
    const tag = new RegExp(`^<(/?)(${NAME})`).exec(rest);
    if (!tag) {
      problems.push(`a tag that is not one: ${JSON.stringify(rest.slice(0, 30))}`);
      break;
    }
    let after = rest.slice(tag[0].length);
    for (let attribute = ATTRIBUTE.exec(after); attribute; attribute = ATTRIBUTE.exec(after)) {
      const value = attribute[1]!.slice(1, -1);
      const problem = textProblem(value);
      if (problem) problems.push(`in an attribute: ${problem}`);
      after = after.slice(attribute[0].length);
    }
    const end = /^\s*(\/?)>/.exec(after);
    if (!end) {
      problems.push(`an unfinished tag <${tag[2]}`);
      break;
    }
    if (tag[1]) {
      if (open.pop() !== tag[2]) problems.push(`</${tag[2]}> closes nothing open`);
    } else if (!end[1]) {
      if (open.length === 0) roots += 1;
      open.push(tag[2]!);
    } else if (open.length === 0) roots += 1;
    rest = after.slice(end[0].length);
  }
  if (open.length > 0) problems.push(`unclosed: ${open.join(', ')}`);
  if (roots !== 1) problems.push(`${roots} root elements`);
  return problems;
}

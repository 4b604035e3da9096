// The Markdown a reply form starts with when a member quotes a post: the author's name, then the post, as a block quote.

/** Markdown's punctuation that could turn a name into emphasis, a link or code; usernames allow "_" and ".". */
const MARKDOWN_PUNCTUATION = /[\\`*_[\]()<>#!|~]/g;

export function escapeMarkdown(text: string): string {
  return text.replace(MARKDOWN_PUNCTUATION, (character) => `\\${character}`);
}

/**
 * "> **name** wrote:", an empty quoted line, then every line of the post quoted (a quote inside it becomes a nested
 * quote), and a blank line after, where the reply begins.
 */
export function quoteMarkdown(authorName: string, body: string): string {
  const lines = [`**${escapeMarkdown(authorName)}** wrote:`, '', ...body.split('\n')];
  return `${lines.map((line) => (line === '' ? '>' : `> ${line}`)).join('\n')}\n\n`;
}

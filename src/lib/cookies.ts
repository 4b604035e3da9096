// Reading one cookie from a Cookie request header (RFC 6265 §5.4: "name=value" pairs separated by "; ").

/** The value of the first cookie of that name, or undefined; a value in double quotes loses them, as RFC 6265 allows. */
export function readCookie(cookieHeader: string | undefined, name: string): string | undefined {
  if (!cookieHeader) return undefined;
  for (const pair of cookieHeader.split(';')) {
    const separator = pair.indexOf('=');
    if (separator === -1 || pair.slice(0, separator).trim() !== name) continue;
    return pair
      .slice(separator + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
  }
  return undefined;
}

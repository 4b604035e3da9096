// Whether text is a DNS host name as browsers send them (lower case, IDNs in punycode): letters, digits and hyphens.

const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
/** Two labels at least, and a top-level label of letters (or an IDN's "xn--"): never an address, never "localhost". */
const HOST_NAME = new RegExp(`^(?=.{4,253}$)(?:${LABEL}\\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$`);

/** RFC 1123 host-name syntax with a dot and an alphabetic top-level label, on the lower-case form URL gives. */
export function isHostName(text: string): boolean {
  return HOST_NAME.test(text);
}

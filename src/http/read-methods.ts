// The methods every read-only address accepts, and the Allow header a 405 names them in (RFC 9110 §15.5.6).
export const READ_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD']);
export const ALLOW_READ = 'GET, HEAD';

export function isReadMethod(method: string | undefined): boolean {
  return method === 'GET' || method === 'HEAD';
}

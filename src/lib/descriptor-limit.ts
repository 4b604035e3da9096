// How many files this process may have open: the soft RLIMIT_NOFILE, read from Linux's /proc (Node has no call for it).
import { readFileSync } from 'node:fs';

/** The soft limit on open descriptors, or undefined where /proc/self/limits does not exist (macOS, Windows). */
export function descriptorLimit(limits = '/proc/self/limits'): number | undefined {
  let text: string;
  try {
    text = readFileSync(limits, 'utf8');
  } catch {
    return undefined;
  }
  const soft = /^Max open files\s+(\d+|unlimited)/m.exec(text)?.[1];
  return soft === undefined || soft === 'unlimited' ? undefined : Number(soft);
}

// Reading a figures file a server child writes while it runs (event-loop delay, memory by thread).
import { existsSync, readFileSync } from 'node:fs';

/** What the server last wrote to `file`, or undefined before it has, or while it is half written (read again then). */
export function readWritten<T>(file: string): T | undefined {
  try {
    return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : undefined;
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}

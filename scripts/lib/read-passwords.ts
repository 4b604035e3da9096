// Reads a password twice for a command-line tool: hidden on a terminal, or two lines from standard input otherwise.
import { createInterface } from 'node:readline';

/** One line typed on the terminal without echo; Ctrl-C ends the program. */
function readHidden(prompt: string): Promise<string> {
  const input = process.stdin;
  // Echo goes off before the prompt shows: typed after the prompt, a password must never reach the screen.
  input.setRawMode(true);
  process.stderr.write(prompt);
  input.resume();
  input.setEncoding('utf8');
  let typed = '';
  return new Promise((resolve) => {
    const onData = (chunk: string): void => {
      for (const char of chunk) {
        if (char === '\u0003') {
          input.setRawMode(false);
          process.stderr.write('\n');
          process.exit(130);
        } else if (char === '\r' || char === '\n') {
          input.setRawMode(false);
          input.pause();
          input.off('data', onData);
          process.stderr.write('\n');
          resolve(typed);
          return;
        } else if (char === '\u007f' || char === '\b') {
          typed = [...typed].slice(0, -1).join('');
        } else {
          typed += char;
        }
      }
    };
    input.on('data', onData);
  });
}

/** The first two lines of standard input (a deploy script's pipe), without their line endings. */
async function readTwoLines(): Promise<[string, string]> {
  const lines: string[] = [];
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    lines.push(line);
    if (lines.length === 2) break;
  }
  return [lines[0] ?? '', lines[1] ?? ''];
}

/** The password and its repetition: asked for on a terminal, read as two lines from a pipe. Never echoed or logged. */
export async function readPasswordTwice(): Promise<[string, string]> {
  if (!process.stdin.isTTY) return readTwoLines();
  const first = await readHidden('Password: ');
  const second = await readHidden('Password again: ');
  return [first, second];
}

// A child process that registers members through the forum's API as fast as it can, printing each one once committed.
import { openDatabase } from '../../src/db/database.js';
import type { ClientKey } from '../../src/forum/client-key.js';
import { createForum } from '../../src/forum/forum.js';
import { PROJECT_PATHS } from '../../src/project-paths.js';

const dataDir = process.argv[2]!;
const database = await openDatabase({ dataDir });
const forum = await createForum({ database, policy: PROJECT_PATHS.commonPasswords });
process.stdout.write('ready\n');
// Runs until killed: the parent kills it with SIGKILL while it is in the middle of a registration.
for (let index = 0; ; index += 1) {
  const username = `durable${index}`;
  const result = await forum.accounts.register({ username, password: 'correct horse battery staple', client: `writer-${index}` as ClientKey });
  if (result.status !== 'created') throw new Error(`${username}: ${result.status}`);
  // Printed only after register() resolved, that is after the commit: what a 2xx would acknowledge.
  process.stdout.write(`committed ${username}\n`);
}

// A child process that opens the forum's database when told "go" on stdin, as one of several servers starting at once.
import { createInterface } from 'node:readline';
import { openDatabase, type DatabaseOptions } from '../../src/db/database.js';

const options = JSON.parse(process.argv[2] ?? '{}') as DatabaseOptions;
// Loading modules takes the most time; the parent says "go" once every child has loaded, so the opens overlap.
process.stdout.write('ready\n');
const lines = createInterface({ input: process.stdin });
lines.once('line', () => {
  lines.close();
  void openDatabase(options).then(
    async (database) => {
      await database.close();
      process.stdout.write('migrated\n');
    },
    (error: unknown) => {
      process.stdout.write(`failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
});

// npm test: compiles and type-checks, lints and checks content side by side, then runs every test file compiled, two
// (or one a core) at a time. In Node rather than bash, so that it runs the same in cmd.exe, PowerShell and on Linux CI.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { ROOT } from './lib/root.js';

/**
 * The checks `npm test` runs before the tests, each an npm script of package.json. build:test is the type check: the
 * same tsc run writes the JavaScript the tests then run, so no test process loads tsx (about a second each, for over
 * a hundred files and the children and threads they start).
 */
const CHECKS = ['build:test', 'lint', 'check'] as const;
/** Where tsconfig.test.json compiles src/, scripts/ and test/ to, the same tree under another root. */
const COMPILED = 'build-test';
/** The test folders, slowest first: a long file that began last would run alone at the end. */
const TEST_FOLDERS = ['test/browser', 'test/http', 'test/unit'] as const;
/**
 * A narrowed run of this many files or fewer runs the sources through tsx: tsc's incremental build takes a few
 * seconds even when little changed, more than tsx costs a few processes.
 */
const FEW_FILES = 4;

const children = new Set<ChildProcess>();
// Ctrl+C reaches every process of the terminal already; a SIGTERM sent to this one alone is passed on.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    for (const child of children) child.kill(signal);
  });
}

function track(child: ChildProcess): Promise<number> {
  children.add(child);
  return new Promise((resolve) => {
    child.once('error', (error) => {
      children.delete(child);
      process.stderr.write(`${error.message}\n`);
      resolve(1);
    });
    // A child ended by a signal has no code: that is a failure too.
    child.once('close', (code) => {
      children.delete(child);
      resolve(code ?? 1);
    });
  });
}

/**
 * `npm run --silent <name>`, its stdout and stderr held in the order they came, so that each check reads as one block
 * rather than interleaved with the others. Through the npm that runs this script (npm_execpath) when there is one;
 * otherwise the npm on the PATH, which on Windows is npm.cmd and needs a shell.
 */
async function runCheck(name: string): Promise<{ name: string; code: number; output: string }> {
  const npm = process.env['npm_execpath'];
  const args = ['run', '--silent', name];
  const child = npm
    ? spawn(process.execPath, [npm, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn('npm', args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], shell: process.platform === 'win32' });
  const chunks: Buffer[] = [];
  child.stdout?.on('data', (chunk: Buffer) => chunks.push(chunk));
  child.stderr?.on('data', (chunk: Buffer) => chunks.push(chunk));
  const code = await track(child);
  return { name, code, output: Buffer.concat(chunks).toString('utf8') };
}

/** The three checks are independent and each mostly one thread: side by side, they end with the slowest (ESLint). */
async function runChecks(): Promise<boolean> {
  const running = CHECKS.map(runCheck);
  let passed = true;
  // Reported in a fixed order, each once it has ended, as every one's problems are worth reading before a fix.
  for (const result of running) {
    const { name, code, output } = await result;
    process.stdout.write(`${code === 0 ? '✔' : '✖'} npm run ${name}\n${output}`);
    if (code !== 0) passed = false;
  }
  return passed;
}

/** The *.test.ts files in a folder, in name order. */
function testFilesIn(folder: string): string[] {
  return readdirSync(path.join(ROOT, folder))
    .filter((name) => name.endsWith('.test.ts'))
    .sort()
    .map((name) => path.join(folder, name));
}

/** Arguments that name a file or folder (a folder's test files) are what to run; the rest are options for the runner. */
function splitArguments(args: readonly string[]): { paths: string[]; options: string[] } {
  const paths: string[] = [];
  const options: string[] = [];
  for (const arg of args) {
    const stat = arg.startsWith('-') ? undefined : statSync(path.resolve(arg), { throwIfNoEntry: false });
    if (!stat) options.push(arg);
    else {
      const relative = path.relative(ROOT, path.resolve(arg));
      paths.push(...(stat.isDirectory() ? testFilesIn(relative) : [relative]));
    }
  }
  return { paths, options };
}

/** A test file's compiled copy in build-test/; any other path (a .js file named by hand) as it is. */
function compiledPath(file: string): string {
  return file.endsWith('.ts') && !path.isAbsolute(file) && !file.startsWith('..') ? path.join(COMPILED, file.replace(/\.ts$/, '.js')) : file;
}

/**
 * Node's runner runs each file in a process of its own, by default one fewer at a time than there are cores: one on
 * the two-core CI machine, which left a core idle while a file waited on Chromium, a socket or a child process. Every
 * file builds its own app on its own ports and temporary folders, so files can run side by side. Compiled files run
 * with source maps on, so that a failure's stack names the TypeScript file and line.
 */
function runTests(files: readonly string[], options: readonly string[], compiled: boolean): Promise<number> {
  const concurrency = Math.max(2, availableParallelism());
  const loader = compiled ? ['--enable-source-maps'] : ['--import', 'tsx'];
  const args = [...loader, '--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...options, ...(compiled ? files.map(compiledPath) : files)];
  return track(spawn(process.execPath, args, { cwd: ROOT, stdio: 'inherit' }));
}

// With arguments (`npm test -- test/unit`, `npm test -- --test-name-pattern=404`) only the tests run, narrowed by
// them: the checks are about the whole project, and someone narrowing the run wants its answer quickly. A type error
// does not stop such a run (tsc writes its JavaScript all the same, as tsx would run it): it is printed first.
const args = process.argv.slice(2);
const { paths, options } = splitArguments(args);
const files = paths.length > 0 ? paths : TEST_FOLDERS.flatMap(testFilesIn);
if (args.length === 0) {
  process.exitCode = (await runChecks()) ? await runTests(files, options, true) : 1;
} else if (files.length <= FEW_FILES) {
  process.exitCode = await runTests(files, options, false);
} else {
  const { code, output } = await runCheck('build:test');
  if (code !== 0) process.stdout.write(`✖ npm run build:test (the tests run all the same)\n${output}`);
  process.exitCode = await runTests(files, options, true);
}

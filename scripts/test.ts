// npm test: compiles and type-checks, then runs every test file compiled, two (or one a core) at a time, while the lint
// and the content check run beside. In Node rather than bash, so that it runs the same in cmd.exe, PowerShell and on CI.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { ROOT } from './lib/root.js';

/**
 * The type check, which the tests wait for: the same tsc run writes the JavaScript they then run, so that no test
 * process loads tsx (about a second each, for over a hundred files and the children and threads they start).
 */
const BUILD = 'build:test';
/**
 * The checks that run beside the tests, each an npm script of package.json: ESLint alone takes about 40 s of a core,
 * which the tests leave idle while they wait on Chromium, sockets and child processes.
 */
const CHECKS = ['lint', 'check'] as const;
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

interface Result {
  readonly name: string;
  readonly code: number;
  readonly output: string;
  /** Seconds from start to end, so that a slow check shows itself. */
  readonly seconds: number;
}

/**
 * `npm run --silent <name>`, its stdout and stderr held in the order they came, so that each check reads as one block
 * rather than interleaved with the others. Through the npm that runs this script (npm_execpath) when there is one;
 * otherwise the npm on the PATH, which on Windows is npm.cmd and needs a shell.
 */
async function runCheck(name: string): Promise<Result> {
  const started = performance.now();
  const npm = process.env['npm_execpath'];
  const args = ['run', '--silent', name];
  const child = npm
    ? spawn(process.execPath, [npm, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn('npm', args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], shell: process.platform === 'win32' });
  const chunks: Buffer[] = [];
  child.stdout?.on('data', (chunk: Buffer) => chunks.push(chunk));
  child.stderr?.on('data', (chunk: Buffer) => chunks.push(chunk));
  const code = await track(child);
  return { name, code, output: Buffer.concat(chunks).toString('utf8'), seconds: (performance.now() - started) / 1000 };
}

/** Prints a check's output as one block under its outcome; false if it failed. */
function report({ name, code, output, seconds }: Result): boolean {
  process.stdout.write(`${code === 0 ? '✔' : '✖'} npm run ${name} (${seconds.toFixed(1)} s)\n${output}`);
  return code === 0;
}

/**
 * The whole run. The checks start with the build, side by side (each is mostly one thread), and the tests as soon as
 * the build has passed. The checks' output is held and printed after the tests' (a block in the middle of 1,400 lines
 * would be missed), in a fixed order, each in full, as every problem is worth reading before a fix; any failure fails
 * the run.
 */
async function runAll(files: readonly string[], options: readonly string[]): Promise<number> {
  const checks = CHECKS.map(runCheck);
  const build = await runCheck(BUILD);
  let passed = report(build);
  let tests = 1;
  if (passed) {
    process.stdout.write(`The tests run now; ${CHECKS.map((name) => `npm run ${name}`).join(' and ')} report after them.\n`);
    tests = await runTests(files, options, true);
  }
  for (const check of checks) if (!report(await check)) passed = false;
  return passed ? tests : 1;
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
  process.exitCode = await runAll(files, options);
} else if (files.length <= FEW_FILES) {
  process.exitCode = await runTests(files, options, false);
} else {
  const { code, output } = await runCheck(BUILD);
  if (code !== 0) process.stdout.write(`✖ npm run ${BUILD} (the tests run all the same)\n${output}`);
  process.exitCode = await runTests(files, options, true);
}

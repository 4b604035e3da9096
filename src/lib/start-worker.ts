// Starts a worker thread from a module beside the caller, whether the app runs compiled (`npm start`) or under tsx.
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';

/** The worker module `name` beside `callerUrl`: name.js once compiled, name.ts under tsx (tests, `npm run dev`). */
export function workerUrl(callerUrl: string, name: string): URL {
  return new URL(`./${name}${extname(fileURLToPath(callerUrl))}`, callerUrl);
}

/**
 * Node 20 does not run a worker's TypeScript entry through the loader the parent was started with (`--import tsx`
 * reaches the worker too late for its entry), so from source the worker first registers tsx, then imports the entry.
 */
export function startWorker(url: URL, options: { resourceLimits?: ResourceLimits } = {}): Worker {
  if (url.pathname.endsWith('.js')) return new Worker(url, options);
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}

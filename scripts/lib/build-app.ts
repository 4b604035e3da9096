// Builds the app in this process from a table of environment variables: for tests, and for scripts that export or audit.
import { createApp, type App, type AppOptions } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';

export interface BuiltApp {
  readonly app: App;
  /** The config the app was built from, for what runs beside it (a content watcher, say). */
  readonly config: Config;
}

/** No port and no child process: the caller serves app.handle, or drives it in-process. */
export function buildApp(env: Readonly<Record<string, string | undefined>>, options: AppOptions = {}): BuiltApp {
  const config = loadConfig(env);
  return { app: createApp(config, options), config };
}

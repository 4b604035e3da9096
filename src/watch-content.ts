// Watches content/ and public/ (and, in development, views/) and applies each change without a restart.
import type { App } from './app.js';
import type { Config } from './config.js';
import { isHidden } from './lib/list-files.js';
import { PROJECT_PATHS } from './project-paths.js';
import { errorFields } from './lib/logger.js';
import { watchTree, type TreeWatcher } from './lib/watch-tree.js';

export interface ContentWatcher {
  close(): void;
}

/** Editors' tools write a file in bursts (truncate, write, rename); wait for the burst to end. */
const SETTLE_MS = 40;

export function watchContent(config: Config, app: App, onChange: () => void = () => {}): ContentWatcher {
  const watchers: TreeWatcher[] = [];
  const pending = new Set<string>();
  /** Folders other than content/ whose change reloads all of them at once: templates, or public/. */
  const dirty = { templates: false, assets: false };
  let timer: NodeJS.Timeout | undefined;

  const flush = async (): Promise<void> => {
    timer = undefined;
    const files = [...pending];
    const { templates, assets } = dirty;
    pending.clear();
    Object.assign(dirty, { templates: false, assets: false });
    try {
      if (templates) app.publisher.reloadTemplates();
      if (assets) app.publisher.reloadAssets();
      // Bodies are rendered on their threads first: requests are answered meanwhile.
      if (files.length > 0) await app.publisher.publishChanges(files);
      onChange();
    } catch (error) {
      app.logger.error('reload failed', errorFields(error));
    }
  };
  const schedule = (): void => {
    timer ??= setTimeout(() => void flush(), SETTLE_MS);
  };
  const mark = (folder: keyof typeof dirty) => (): void => {
    dirty[folder] = true;
    schedule();
  };

  // watchTree reports its own failures (a folder that cannot be watched) instead of throwing.
  const add = (dir: string, onEvent: (file: string) => void, ignore: (name: string) => boolean): void => {
    const onError = (error: unknown, where: string): void =>
      app.logger.warn('cannot watch for changes; send SIGHUP to reload', { dir: where, ...errorFields(error) });
    watchers.push(watchTree(dir, { onChange: onEvent, onError, ignore }));
  };

  const onContent = (file: string): void => {
    pending.add(file);
    schedule();
  };
  add(config.contentDir, onContent, isHidden);
  // A new PDF or a replaced photo must show in production too, without a restart; hidden files are never served.
  add(config.publicDir, mark('assets'), isHidden);
  // Templates change only with a deployment, which restarts the server, so only development watches them.
  if (config.env === 'development') add(PROJECT_PATHS.views, mark('templates'), (name) => name.startsWith('.'));
  // So is the interface text of each language (i18n/), which the templates read: rendering every page takes both.
  if (config.env === 'development') add(PROJECT_PATHS.i18n, mark('templates'), (name) => name.startsWith('.'));
  return {
    close() {
      if (timer) clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
    },
  };
}

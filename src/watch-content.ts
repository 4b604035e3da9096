// Watches content/ (and, in development, views/ and public/) and applies each change without a restart.
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
  let templatesChanged = false;
  let timer: NodeJS.Timeout | undefined;

  const flush = (): void => {
    timer = undefined;
    const files = [...pending];
    pending.clear();
    try {
      if (templatesChanged) {
        templatesChanged = false;
        app.publisher.reloadTemplates();
      }
      if (files.length > 0) app.publisher.reload(files);
      onChange();
    } catch (error) {
      app.logger.error('reload failed', errorFields(error));
    }
  };
  const schedule = (): void => {
    timer ??= setTimeout(flush, SETTLE_MS);
  };

  // watchTree reports its own failures (a folder that cannot be watched) instead of throwing.
  const add = (dir: string, onEvent: (file: string) => void, ignore: (name: string) => boolean): void => {
    const onError = (error: unknown, where: string): void =>
      app.logger.warn('cannot watch for changes; send SIGHUP to reload', { dir: where, ...errorFields(error) });
    watchers.push(watchTree(dir, { onChange: onEvent, onError, ignore }));
  };

  add(
    config.contentDir,
    (file) => {
      pending.add(file);
      schedule();
    },
    isHidden,
  );
  if (config.env === 'development') {
    for (const dir of [PROJECT_PATHS.views, PROJECT_PATHS.public]) {
      add(
        dir,
        () => {
          templatesChanged = true;
          schedule();
        },
        (name) => name.startsWith('.'),
      );
    }
  }
  return {
    close() {
      if (timer) clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
    },
  };
}

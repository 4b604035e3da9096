// Watches content/ (and, in development, views/ and public/) and applies each change without a restart.
import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import type { App } from './app.js';
import type { Config } from './config.js';
import { errorFields } from './logger.js';

export interface ContentWatcher {
  close(): void;
}

/** Editors' tools write a file in bursts (truncate, write, rename); wait for the burst to end. */
const SETTLE_MS = 40;

export function watchContent(config: Config, app: App, onChange: () => void = () => {}): ContentWatcher {
  const watchers: FSWatcher[] = [];
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
        app.reloadTemplates();
      }
      if (files.length > 0) app.reloadContent(files);
      onChange();
    } catch (error) {
      app.logger.error('reload failed', errorFields(error));
    }
  };
  const schedule = (): void => {
    timer ??= setTimeout(flush, SETTLE_MS);
  };

  const add = (dir: string, onEvent: (file: string) => void): void => {
    try {
      // Recursive watching works on Linux from Node 20; a missing folder just means nothing to watch.
      const watcher = watch(dir, { recursive: true, persistent: false }, (_event, file) => {
        if (file) onEvent(file.toString());
      });
      watcher.on('error', (error) => app.logger.warn('watcher stopped', { dir, ...errorFields(error) }));
      watchers.push(watcher);
    } catch (error) {
      app.logger.warn('cannot watch; send SIGHUP to reload', { dir, ...errorFields(error) });
    }
  };

  add(config.contentDir, (file) => {
    pending.add(file.split(path.sep).join('/'));
    schedule();
  });
  if (config.env === 'development') {
    for (const dir of ['views', 'public']) {
      add(path.join(config.rootDir, dir), () => {
        templatesChanged = true;
        schedule();
      });
    }
  }
  return {
    close() {
      if (timer) clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
    },
  };
}

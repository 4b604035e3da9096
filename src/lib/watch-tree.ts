// Watches a folder and all folders below it, with one watch per folder, and reports changed files by relative path.
import { readdirSync, statSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';

export interface TreeWatcher {
  close(): void;
}

export interface TreeWatchOptions {
  /** A file or folder changed, appeared or disappeared: its path relative to the root, with forward slashes. */
  readonly onChange: (relative: string) => void;
  readonly onError: (error: unknown, dir: string) => void;
  /** Names never watched or reported, such as dotfiles. */
  readonly ignore?: (name: string) => boolean;
}

/**
 * Node 20's `recursive: true` on Linux stats and watches every file: for a 10,000-page site that is 10,000
 * inotify watches (more than some systems allow) and a quarter of a second at start. A folder's watch already
 * reports changes to the files in it, so one watch per folder is enough; a folder that appears is watched and its
 * files reported, and a folder that goes is reported once, for the listener to forget what was under it.
 */
export function watchTree(root: string, options: TreeWatchOptions): TreeWatcher {
  const watchers = new Map<string, FSWatcher>();
  const ignore = options.ignore ?? (() => false);
  let closed = false;

  const unwatch = (relative: string): void => {
    for (const [dir, watcher] of watchers) {
      if (dir === relative || dir.startsWith(`${relative}/`)) {
        watcher.close();
        watchers.delete(dir);
      }
    }
  };

  /** Watches a folder and those below it; with `report`, also reports every file found (a folder that appeared). */
  const add = (relative: string, report: boolean): void => {
    if (closed || watchers.has(relative)) return;
    const absolute = path.join(root, relative);
    let watcher: FSWatcher;
    try {
      watcher = watch(absolute, { persistent: false }, (_event, name) => {
        if (name) changed(relative ? `${relative}/${name.toString()}` : name.toString());
      });
    } catch (error) {
      // A folder below the root that went before it could be watched was reported by its parent already.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || relative === '') options.onError(error, absolute);
      return;
    }
    watcher.on('error', (error) => {
      unwatch(relative);
      options.onError(error, absolute);
    });
    watchers.set(relative, watcher);
    // Watch first, then list: a file created in between is reported twice rather than missed.
    let entries;
    try {
      entries = readdirSync(absolute, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (ignore(entry.name)) continue;
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) add(child, report);
      else if (report) options.onChange(child);
    }
  };

  const changed = (relative: string): void => {
    if (relative.split('/').some(ignore)) return;
    let isDirectory = false;
    try {
      isDirectory = statSync(path.join(root, relative)).isDirectory();
    } catch {
      // Gone: if it was a folder, stop watching it; the listener hears of the path and forgets what was under it.
      unwatch(relative);
    }
    if (isDirectory) add(relative, true);
    else options.onChange(relative);
  };

  add('', false);
  return {
    close() {
      closed = true;
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}

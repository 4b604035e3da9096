// Watches a folder and all folders below it, with one watch per folder, and reports changed files by relative path.
import { lstatSync, readdirSync, watch, type Dirent, type FSWatcher } from 'node:fs';
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
  const tree = new FolderWatches(root, options);
  tree.add('', false);
  return { close: () => tree.close() };
}

/** The watches of one tree, by folder path relative to the root. */
class FolderWatches {
  private readonly watchers = new Map<string, FSWatcher>();
  private readonly ignore: (name: string) => boolean;
  private closed = false;

  constructor(
    private readonly root: string,
    private readonly options: TreeWatchOptions,
  ) {
    this.ignore = options.ignore ?? (() => false);
  }

  /** Watches a folder and those below it; with `report`, also reports every file found (a folder that appeared). */
  add(relative: string, report: boolean): void {
    if (this.closed || this.watchers.has(relative)) return;
    const absolute = path.join(this.root, relative);
    let watcher: FSWatcher;
    try {
      watcher = watch(absolute, { persistent: false }, (_event, name) => {
        if (name) this.changed(relative ? `${relative}/${name.toString()}` : name.toString());
      });
    } catch (error) {
      // A folder below the root that went before it could be watched was reported by its parent already.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || relative === '') this.options.onError(error, absolute);
      return;
    }
    watcher.on('error', (error) => {
      this.unwatch(relative);
      this.options.onError(error, absolute);
    });
    this.watchers.set(relative, watcher);
    // Watch first, then list: a file created in between is reported twice rather than missed.
    for (const entry of entriesOf(absolute)) {
      if (this.ignore(entry.name)) continue;
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) this.add(child, report);
      else if (report) this.options.onChange(child);
    }
  }

  close(): void {
    this.closed = true;
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
  }

  private changed(relative: string): void {
    if (relative.split('/').some(this.ignore)) return;
    let isDirectory = false;
    try {
      // lstat: a link to a folder is not followed (it could lead anywhere, even to /); it is reported as a file.
      isDirectory = lstatSync(path.join(this.root, relative)).isDirectory();
    } catch {
      // Gone: if it was a folder, stop watching it; the listener hears of the path and forgets what was under it.
      this.unwatch(relative);
    }
    if (isDirectory) this.add(relative, true);
    else this.options.onChange(relative);
  }

  private unwatch(relative: string): void {
    for (const [dir, watcher] of this.watchers) {
      if (dir === relative || dir.startsWith(`${relative}/`)) {
        watcher.close();
        this.watchers.delete(dir);
      }
    }
  }
}

/** A folder's entries, or none if it went in the meantime. */
function entriesOf(absolute: string): Dirent[] {
  try {
    return readdirSync(absolute, { withFileTypes: true });
  } catch {
    return [];
  }
}

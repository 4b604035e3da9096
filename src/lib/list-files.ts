// Lists the files of a folder tree, leaving out what is never published: dotfiles, `_drafts`-style folders, backups.
import { readdirSync } from 'node:fs';
import path from 'node:path';

/** Names that are never content or assets: dotfiles, `_drafts`-style folders and editors' backup files. */
export function isHidden(name: string): boolean {
  return name.startsWith('.') || name.startsWith('_') || name.endsWith('~');
}

/**
 * Every file under dir, relative, with forward slashes, sorted; hidden files and folders are left out. Symbolic
 * links are never followed; with `links`, they are listed (as files) for the caller to refuse by name.
 */
export function listFiles(dir: string, options: { readonly links?: boolean } = {}): string[] {
  const files: string[] = [];
  const walk = (relative: string): void => {
    for (const entry of readdirSync(path.join(dir, relative), { withFileTypes: true })) {
      if (isHidden(entry.name)) continue;
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile() || (options.links && entry.isSymbolicLink())) files.push(child);
    }
  };
  walk('');
  return files.sort();
}

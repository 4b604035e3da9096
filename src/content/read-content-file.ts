// Reads one file of content/ without following a symbolic link and without reading more than a page may hold.
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { ContentError } from './problem.js';
import { MAX_PAGE_BYTES } from './read-page.js';

/** The most read of one file: what a page may hold (a larger page is refused by its size). */
export const MAX_CONTENT_FILE_BYTES = MAX_PAGE_BYTES;

/**
 * Symbolic links are refused, at start and in the watcher alike: a link can point outside content/ (a file that
 * was then published and listed in the sitemap) or at /dev/zero (which never ends). O_NOFOLLOW makes the refusal
 * part of opening the file, so no link can be swapped in between a check and the read.
 */
const NO_FOLLOW = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0);

export const LINK_MESSAGE = 'this is a symbolic link, which the site does not follow: put the file itself in content/';

function insideRoot(root: string, absolute: string): boolean {
  const parent = realpathSync(path.dirname(absolute));
  const base = realpathSync(root);
  return parent === base || parent.startsWith(`${base}${path.sep}`);
}

/** A file's first bytes (all of them up to MAX_CONTENT_FILE_BYTES), and its whole size. */
export interface ContentFileBytes {
  readonly bytes: Buffer;
  readonly size: number;
}

/**
 * The bytes of `file` (relative to `root`): all of them, or the first MAX_CONTENT_FILE_BYTES of a larger file,
 * which is enough to tell what it is and never more than a page may hold. Throws a ContentError for a link, a folder that is a link to
 * elsewhere, or anything that is not a regular file (a device, a pipe); Node's own error when the file is gone.
 */
export function readContentFile(root: string, file: string): ContentFileBytes {
  const absolute = path.join(root, file);
  let fd: number;
  try {
    fd = openSync(absolute, NO_FOLLOW);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') throw new ContentError(file, 1, LINK_MESSAGE, { cause: error });
    throw error;
  }
  try {
    const stats = fstatSync(fd);
    if (stats.isDirectory()) throw Object.assign(new Error(`${file} is a folder`), { code: 'EISDIR' });
    if (!stats.isFile()) throw new ContentError(file, 1, 'this is not a regular file (a device, a pipe or a socket): only files belong in content/');
    if (!insideRoot(root, absolute)) throw new ContentError(file, 1, `a folder above this file is a symbolic link, which the site does not follow`);
    const limit = Math.min(stats.size, MAX_CONTENT_FILE_BYTES);
    const buffer = Buffer.allocUnsafe(limit);
    let length = 0;
    for (let read = -1; read !== 0 && length < limit; length += read) read = readSync(fd, buffer, length, limit - length, null);
    return { bytes: buffer.subarray(0, length), size: Math.max(stats.size, length) };
  } finally {
    closeSync(fd);
  }
}

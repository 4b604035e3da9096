// The last good version of every content file, kept under DATA_DIR so that a restart never loses a live page.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { LastGoodFiles } from '../content/content-store.js';
import { inSlices } from '../lib/in-slices.js';
import { runInSlices, runNow, type Steps } from '../lib/steps.js';

interface ManifestFile {
  readonly contentDir: string;
  readonly files: Record<string, string>;
}

/** Writes a file whole or not at all: a crash mid-write leaves the old file (rename is atomic on one file system). */
function writeAtomically(file: string, bytes: Buffer | string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, bytes);
  renameSync(temporary, file);
}

/**
 * Files are kept by content hash (objects/<hash>), so an unchanged file is written once; manifest.json maps each
 * content file to its hash and is written last, so it only ever names objects that exist. Writing happens after
 * the current turn, batched: the first start of a 10,000-page site writes its generation in the background.
 */
class KeptGeneration implements LastGoodFiles {
  private readonly objects: string;
  private readonly manifestFile: string;
  private readonly files: Map<string, string>;
  private readonly existed: boolean;
  private readonly pending = new Map<string, Buffer>();
  private scheduled = false;

  private pruned = false;
  /** Manifest writes begun, so that one finishing late never replaces a newer one. */
  private manifestWrites = 0;

  constructor(
    dir: string,
    private readonly contentDir: string,
    private readonly onError: (error: unknown) => void,
  ) {
    this.objects = path.join(dir, 'objects');
    this.manifestFile = path.join(dir, 'manifest.json');
    mkdirSync(this.objects, { recursive: true });
    const read = this.readManifest();
    this.existed = read !== undefined;
    this.files = new Map(Object.entries(read?.files ?? {}));
  }

  manifest(): ReadonlyMap<string, string> | undefined {
    return this.existed ? this.files : undefined;
  }

  read(file: string): Buffer | undefined {
    const hash = this.files.get(file);
    if (hash === undefined) return undefined;
    try {
      return this.pending.get(hash) ?? readFileSync(path.join(this.objects, hash));
    } catch {
      return undefined;
    }
  }

  save(file: string, bytes: Buffer, hash: string): void {
    if (this.files.get(file) === hash) return;
    this.files.set(file, hash);
    if (!existsSync(path.join(this.objects, hash))) this.pending.set(hash, bytes);
    this.schedule();
  }

  forget(file: string): void {
    if (this.files.delete(file)) this.schedule();
  }

  /** Writes what is pending now (shutdown); a failure is reported, never thrown. */
  flush(): void {
    try {
      this.manifestWrites += 1;
      this.write();
    } catch (error) {
      this.onError(error);
    }
  }

  private write(): void {
    this.scheduled = false;
    for (const [hash, bytes] of this.pending) this.writeObject(hash, bytes);
    writeAtomically(this.manifestFile, runNow(this.writingManifestText()));
    this.prunedOnce();
  }

  /**
   * The manifest as JSON.stringify would write it (ManifestFile), a thousand files a step: 10,000 files' manifest made
   * in one piece held the serving thread about 3 ms after every change.
   */
  private *writingManifestText(): Steps<string> {
    const entries: string[] = [];
    for (const [file, hash] of [...this.files]) {
      entries.push(`${JSON.stringify(file)}:${JSON.stringify(hash)}`);
      if (entries.length % 1000 === 0) yield;
    }
    return `{"contentDir":${JSON.stringify(this.contentDir)},"files":{${entries.join(',')}}}`;
  }

  /**
   * write() after a change, with the manifest's bytes written on libuv's threads: 10,000 files' manifest held this
   * thread some 20–30 ms after every change. Renamed into place at once when written, and only if no newer write
   * began meanwhile (shutdown's flush(), or the next change's), so the manifest on disk is never an older one.
   */
  private async writeInBackground(): Promise<void> {
    this.scheduled = false;
    for (const [hash, bytes] of this.pending) this.writeObject(hash, bytes);
    const generation = ++this.manifestWrites;
    const temporary = `${this.manifestFile}.${process.pid}.${generation}.tmp`;
    await writeFile(temporary, await runInSlices(this.writingManifestText()));
    if (generation === this.manifestWrites) renameSync(temporary, this.manifestFile);
    else rmSync(temporary, { force: true });
    this.prunedOnce();
  }

  private prunedOnce(): void {
    if (!this.pruned) this.prune();
    this.pruned = true;
  }

  /** Writes in the background, a slice at a time, so the first start of a large site keeps answering requests. */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    const written = (): boolean => !this.scheduled;
    void inSlices([...this.pending], ([hash, bytes]) => this.writeObject(hash, bytes), written)
      .then(() => (this.scheduled ? this.writeInBackground() : undefined))
      // A full disk or a read-only DATA_DIR must not take the site down: the live site is in memory; only the
      // copy for the next restart is missing, and the log says so.
      .catch((error: unknown) => {
        this.scheduled = false;
        this.onError(error);
      });
  }

  private writeObject(hash: string, bytes: Buffer): void {
    writeAtomically(path.join(this.objects, hash), bytes);
    this.pending.delete(hash);
  }

  /** Removes objects no file refers to any more; once a run, since a file's old object may be wanted by no one. */
  private prune(): void {
    const used = new Set(this.files.values());
    for (const name of readdirSync(this.objects)) if (!used.has(name) && !name.endsWith('.tmp')) rmSync(path.join(this.objects, name), { force: true });
  }

  private readManifest(): ManifestFile | undefined {
    try {
      const parsed = JSON.parse(readFileSync(this.manifestFile, 'utf8')) as ManifestFile;
      // Another content folder (a test site, the generated 10,000 pages) has its own generation.
      return parsed.contentDir === this.contentDir && typeof parsed.files === 'object' ? parsed : undefined;
    } catch {
      return undefined;
    }
  }
}

/** The kept generation of a content folder, or undefined when DATA_DIR is ":memory:" (tests): nothing survives a restart then. */
export function openLastGood(dataDir: string, contentDir: string, onError: (error: unknown) => void): (LastGoodFiles & { flush(): void }) | undefined {
  if (dataDir === ':memory:') return undefined;
  const key = createHash('sha1').update(path.resolve(contentDir)).digest('hex').slice(0, 12);
  try {
    return new KeptGeneration(path.join(dataDir, 'last-good', key), path.resolve(contentDir), onError);
  } catch (error) {
    onError(error);
    return undefined;
  }
}

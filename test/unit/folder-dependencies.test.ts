// The folders of src/ depend on each other in one direction only: a loop means a symbol lives in the wrong folder.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { PROJECT_ROOT } from '../../src/project-paths.js';

const SRC = path.join(PROJECT_ROOT, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** "src/render/views.ts" -> "render"; files directly in src/ form the folder "(root)". */
function folderOf(file: string): string {
  const relative = path.relative(SRC, file);
  return relative.includes(path.sep) ? relative.split(path.sep)[0]! : '(root)';
}

/** Folder -> the folders its files import from, each with one file that does it, for the message. */
function folderEdges(): Map<string, Map<string, string>> {
  const edges = new Map<string, Map<string, string>>();
  for (const file of sourceFiles(SRC)) {
    for (const match of readFileSync(file, 'utf8').matchAll(/from '(\.[^']+)'/g)) {
      const target = path.resolve(path.dirname(file), match[1]!);
      const [from, to] = [folderOf(file), folderOf(target)];
      if (from === to) continue;
      const targets = edges.get(from) ?? new Map<string, string>();
      targets.set(to, `${path.relative(SRC, file)} imports ${match[1]}`);
      edges.set(from, targets);
    }
  }
  return edges;
}

describe('folder dependencies in src/', () => {
  it('has no loop between folders', () => {
    const edges = folderEdges();
    const loops: string[] = [];
    for (const [from, targets] of edges) {
      for (const [to, example] of targets) {
        const back = edges.get(to)?.get(from);
        if (back && from < to) loops.push(`${from} <-> ${to}: ${example}; ${back}`);
      }
    }
    assert.deepEqual(loops, []);
  });

  it('finds the imports it checks (positive control)', () => {
    const edges = folderEdges();
    assert.ok(edges.get('render')?.has('content'), 'render/ imports content/');
    assert.ok(edges.get('publish')?.has('render'), 'publish/ imports render/');
  });
});

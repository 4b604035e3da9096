// The time a server's serving thread spent in one function per call, read from a V8 CPU profile (node --cpu-prof).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string };
  readonly children?: readonly number[];
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface CallTimes {
  /** Each call's time in ms, in order: a run of samples with the function on the stack counts as one call. */
  readonly calls: readonly number[];
}

/** The profile of a process's main thread in a --cpu-prof-dir: the file whose thread number is 0. */
export function mainThreadProfile(dir: string): string {
  const file = readdirSync(dir).find((name) => /^CPU\.\d+\.\d+\.\d+\.0\.\d+\.cpuprofile$/.test(name));
  if (!file) throw new Error(`no main-thread profile in ${dir}`);
  return path.join(dir, file);
}

/**
 * How long each call of `functionName` held the thread. Samples are about 1 ms apart, so a call is known to that
 * precision; a call that other work interleaves (it never does: the function is synchronous) would count as several.
 */
export function callTimes(profileFile: string, functionName: string): CallTimes {
  const profile = JSON.parse(readFileSync(profileFile, 'utf8')) as CpuProfile;
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(profile.nodes.map((node) => [node.id, node] as const));
  const inside = new Map<number, boolean>();
  const within = (id: number): boolean => {
    let known = inside.get(id);
    if (known === undefined) {
      const up = parent.get(id);
      known = byId.get(id)?.callFrame.functionName === functionName || (up !== undefined && within(up));
      inside.set(id, known);
    }
    return known;
  };
  const calls: number[] = [];
  let current: number | undefined;
  profile.samples.forEach((id, index) => {
    const micros = profile.timeDeltas[index + 1] ?? 0;
    if (within(id)) current = (current ?? 0) + micros / 1000;
    else if (current !== undefined) {
      calls.push(current);
      current = undefined;
    }
  });
  if (current !== undefined) calls.push(current);
  return { calls };
}

/** Summarises a V8 .cpuprofile (node --cpu-prof): self time per function and per package. */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  name: string;
  ms: number;
  share: number;
}

export interface ProfileSummary {
  totalMs: number;
  /** Sampled time not idle. */
  busyMs: number;
  functions: SelfTime[];
  packages: SelfTime[];
}

const OURS = /\/(?:klantsignaal-bench\/dist\/)?(src|bot|cards|bench)\/(.*)$/;

function where(url: string): string {
  if (!url) return '';
  if (url.includes('klantsignaal-bench/dist/')) return OURS.exec(url)?.slice(1).join('/') ?? url;
  const module = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(url);
  if (module) return `${module[1]}/${module[2]}`;
  const app = /\/(src|bot|cards|bench)\/(.*)$/.exec(url);
  if (app) return `${app[1]}/${app[2]}`;
  return url.replace(/^node:/, 'node:');
}

function packageOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.includes('klantsignaal-bench/dist/')) return 'klantsignaal (ours)';
  const module = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (module) return module[1]!;
  if (/\/(src|bot|cards)\//.test(url)) return 'klantsignaal (ours)';
  if (url.startsWith('node:')) return 'node core';
  return 'other';
}

/** `skipMs`: leave out the first part of the profile (start-up, warm-up), counted from its first sample. */
export function summariseProfile(file: string, top = 12, skipMs = 0): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfByFunction = new Map<string, number>();
  const selfByPackage = new Map<string, number>();
  let total = 0;
  let idle = 0;
  let elapsed = 0;
  profile.samples.forEach((id, index) => {
    const ms = (profile.timeDeltas[index] ?? 0) / 1000;
    elapsed += ms;
    if (elapsed < skipMs) return;
    const node = byId.get(id);
    if (!node) return;
    total += ms;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)') {
      idle += ms;
      return;
    }
    const key = `${functionName || '(anonymous)'} ${where(url)}${url ? `:${lineNumber + 1}` : ''}`.trim();
    selfByFunction.set(key, (selfByFunction.get(key) ?? 0) + ms);
    const pkg = packageOf(url, functionName);
    selfByPackage.set(pkg, (selfByPackage.get(pkg) ?? 0) + ms);
  });
  const busy = total - idle;
  const rank = (map: Map<string, number>, n: number): SelfTime[] =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, ms]) => ({ name, ms, share: busy > 0 ? ms / busy : 0 }));
  return { totalMs: total, busyMs: busy, functions: rank(selfByFunction, top), packages: rank(selfByPackage, 8) };
}

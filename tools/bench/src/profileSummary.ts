/**
 * Reads a V8 .cpuprofile (what `node --cpu-prof` writes: a call tree of nodes, each with a call frame
 * and how many samples landed in it) and says where the self time went, by function and by package.
 */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }[];
  startTime: number;
  endTime: number;
}

export interface Cost {
  name: string;
  selfMs: number;
  share: number;
}

export interface ProfileSummary {
  /** CPU time sampled, idle excluded. */
  totalMs: number;
  functions: Cost[];
  packages: Cost[];
}

/** `node_modules/@scope/name` or `node_modules/name`, else node's own code, else ours by workspace folder. */
export function packageOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node (core)';
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const parts = url.slice(modules + '/node_modules/'.length).split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  const ours = /\/(shared|gateway|scripts|subgraphs\/\w+)\/dist\//.exec(url);
  return ours ? `civic: ${ours[1]}` : url;
}

/** Where a function lives, short: the path inside its package (or node's module name), and the line. */
export function locationOf(url: string, lineNumber: number): string {
  if (!url) return '';
  const modules = url.lastIndexOf('/node_modules/');
  const path = modules >= 0 ? url.slice(modules + '/node_modules/'.length) : url.replace(/^.*\/(shared|gateway|scripts|subgraphs\/\w+)\/dist\//, '$1/');
  return `${path.replace(/^file:\/\//, '')}:${lineNumber + 1}`;
}

function ranked(totals: Map<string, number>, totalMs: number, top: number): Cost[] {
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, selfMs]) => ({ name, selfMs, share: totalMs ? selfMs / totalMs : 0 }));
}

/** Self time over one or more profiles of the same service (e.g. each gateway worker), idle time left out. */
export function summarizeProfiles(profiles: CpuProfile[], top = 15): ProfileSummary {
  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  let totalMs = 0;
  for (const profile of profiles) {
    const totalHits = profile.nodes.reduce((sum, node) => sum + (node.hitCount ?? 0), 0);
    const msPerHit = totalHits ? (profile.endTime - profile.startTime) / 1000 / totalHits : 0;
    for (const node of profile.nodes) {
      const { functionName, url, lineNumber } = node.callFrame;
      const ms = (node.hitCount ?? 0) * msPerHit;
      if (ms === 0 || functionName === '(idle)') continue;
      const pkg = packageOf(url, functionName);
      const fn = url ? `${functionName || '(anonymous)'} ${locationOf(url, lineNumber)}` : functionName || pkg;
      byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
      byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + ms);
      totalMs += ms;
    }
  }
  return { totalMs, functions: ranked(byFunction, totalMs, top), packages: ranked(byPackage, totalMs, top) };
}

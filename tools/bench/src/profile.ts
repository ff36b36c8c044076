import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { summarizeProfiles, type CpuProfile, type ProfileSummary } from './profileSummary.js';

/** The services profiled: the gateway (every worker) and the subgraph that answers most of the deep query. */
export const PROFILED_SERVICES = ['gateway', 'population'] as const;

export function profilingEnv(dir: string): Record<string, Record<string, string>> {
  return Object.fromEntries(
    PROFILED_SERVICES.map((service) => {
      const serviceDir = join(dir, service);
      mkdirSync(serviceDir, { recursive: true });
      return [service, { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${serviceDir}` }];
    }),
  );
}

function table(title: string, summary: ProfileSummary, key: 'functions' | 'packages'): string {
  const rows = summary[key].map((c) => `| ${c.name.replaceAll('|', '\\|')} | ${c.selfMs.toFixed(0)} | ${(c.share * 100).toFixed(1)}% |`);
  return [`| ${title} | self ms | share |`, '| --- | --- | --- |', ...rows].join('\n');
}

/** Reads the profiles the services wrote when they stopped and writes a markdown summary beside them. */
export function summarizeProfileDir(dir: string, outFile: string, header: string): string {
  const sections = PROFILED_SERVICES.map((service) => {
    const serviceDir = join(dir, service);
    const profiles = readdirSync(serviceDir)
      .filter((f) => f.endsWith('.cpuprofile'))
      .map((f) => JSON.parse(readFileSync(join(serviceDir, f), 'utf8')) as CpuProfile);
    const summary = summarizeProfiles(profiles);
    return [
      `### ${service} (${profiles.length} process${profiles.length === 1 ? '' : 'es'}, ${(summary.totalMs / 1000).toFixed(1)} s CPU sampled)`,
      '',
      table('package', summary, 'packages'),
      '',
      table('function', summary, 'functions'),
      '',
    ].join('\n');
  });
  const markdown = [header, '', ...sections].join('\n');
  writeFileSync(outFile, markdown);
  return markdown;
}

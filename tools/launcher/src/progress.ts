import type { LaunchEvent } from './platform.js';

const SEEDED_TEXT = {
  seeded: (seconds: number) => `seeded in ${seconds.toFixed(1)} s`,
  copied: (seconds: number) => `copied the demo city prepared by npm run build in ${seconds.toFixed(1)} s`,
  'already-seeded': () => 'already holds the demo city',
} as const;

const PHASE_TEXT = { starting: 'starting (opening its database, applying migrations)', listening: 'listening', healthy: 'healthy' } as const;

/** One line per step of `npm start`, for a person watching: what each service is doing, and for how long. */
export function describeLaunchEvent(event: LaunchEvent): string {
  switch (event.kind) {
    case 'seeding':
      return `seeding a demo city of ${event.residents.toLocaleString('en')} residents into the databases that are empty...`;
    case 'seeded':
      return `${event.subgraph}: ${SEEDED_TEXT[event.outcome](event.seconds)}`;
    case 'spawning':
      return `starting ${Object.entries(event.ports).map(([service, port]) => `${service} on ${port}`).join(', ')}`;
    case 'phase':
      return `${event.service}: ${PHASE_TEXT[event.phase]}${event.detail ? `: ${event.detail}` : ''} (${event.seconds.toFixed(1)} s)`;
    case 'waiting':
      return `still waiting after ${Math.round(event.seconds)} s for ${event.pending.map((p) => `${p.service} (${p.phase})`).join(', ')}`;
  }
}

import { randomBytes } from 'node:crypto';
import { signToken, type SigningKey } from '@civic/runtime';
import { classifiedReads, FAULT_DEEP_QUERY, judgeDeepAnswer, type DeepData, type DeepVerdict } from './deepQuery.js';

/**
 * A steady load on the gateway while faults come and go: some connections ask the deep query over
 * and over, others report incidents. Every request is kept as an outcome (when it started and ended,
 * what came back), so that a test can judge the answers given while a fault lasted, and check
 * afterwards that every acknowledged write exists and every answered classified read was audited.
 * Each request is sent under a subject of its own, which is how the audit trail is matched to it.
 */
export interface AnswerError {
  code: string | undefined;
  service: string | undefined;
  /** The error's path joined with dots ('' without one). */
  path: string;
  message: string;
}

export type OutcomeKind = 'deep' | 'report';

export interface Outcome {
  kind: OutcomeKind;
  subject: string;
  startedAt: number;
  endedAt: number;
  /** HTTP status; 0 when no answer came: the connection failed (`transport`) or the client gave up (`hung`). */
  status: number;
  failure?: 'transport' | 'hung';
  errors: AnswerError[];
  /** The deep query's answer judged against the healthy one. */
  verdict?: DeepVerdict;
  /** The classified values the deep query's answer handed out (see classifiedReads). */
  reads?: string[];
  /** The id of the incident a report created, when the answer acknowledged it. */
  acknowledged?: string;
}

export interface FaultLoadOptions {
  gatewayUrl: string;
  identityProvider: SigningKey;
  /** The deep query's variables and its healthy answer, which every answer is judged against. */
  deep: { variables: { code: string; first: number }; healthy: DeepData };
  /** Where the reports go: a grid outside the deep query's, so that they never change its answer. */
  reportGrid: string;
  deepConnections: number;
  reportConnections: number;
  /** A client's patience: an answer later than this counts as hung (set it well past the gateway's deadline). */
  patienceMs: number;
}

export interface FaultLoad {
  readonly outcomes: readonly Outcome[];
  /** The outcomes of requests sent at or after `from` and answered by `to`. */
  between: (from: number, to: number, kind?: OutcomeKind) => Outcome[];
  /** The first outcome of a request sent at or after `from` that passes `test`; rejects when none has within `withinMs`. */
  firstAfter: (from: number, test: (outcome: Outcome) => boolean, withinMs: number) => Promise<Outcome>;
  /** Stops sending and waits for the requests in flight. */
  stop: () => Promise<void>;
}

export const REPORT_INCIDENT = `mutation FaultReport($input: ReportIncidentInput!) { reportIncident(input: $input) { id } }`;

const DEEP_REQUEST_CALLER = { department: 'governance', roles: ['officer'] } as const;
const REPORT_CALLER = { department: 'governance', roles: ['duty'] } as const;

function errorsOf(body: { errors?: { message?: string; path?: unknown[]; extensions?: Record<string, unknown> }[] }): AnswerError[] {
  return (body.errors ?? []).map((error) => ({
    code: typeof error.extensions?.code === 'string' ? error.extensions.code : undefined,
    service: typeof error.extensions?.service === 'string' ? error.extensions.service : undefined,
    path: Array.isArray(error.path) ? error.path.join('.') : '',
    message: String(error.message),
  }));
}

export function startFaultLoad(options: FaultLoadOptions): FaultLoad {
  const run = randomBytes(3).toString('hex');
  const outcomes: Outcome[] = [];
  interface Waiter {
    from: number;
    test: (o: Outcome) => boolean;
    resolve: (o: Outcome) => void;
  }
  const waiters: Waiter[] = [];
  let sequence = 0;
  let stopping = false;

  const settle = (outcome: Outcome) => {
    outcomes.push(outcome);
    for (const waiter of [...waiters]) {
      if (outcome.startedAt >= waiter.from && waiter.test(outcome)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(outcome);
      }
    }
  };

  const send = async (kind: OutcomeKind): Promise<Outcome> => {
    const subject = `faults-${run}-${kind}-${++sequence}`;
    const caller = kind === 'deep' ? DEEP_REQUEST_CALLER : REPORT_CALLER;
    const token = await signToken(options.identityProvider, { subject, department: caller.department, roles: [...caller.roles] });
    const body =
      kind === 'deep'
        ? { query: FAULT_DEEP_QUERY, variables: options.deep.variables }
        : { query: REPORT_INCIDENT, variables: { input: reportInput(subject, options.reportGrid) } };
    const startedAt = Date.now();
    const base = { kind, subject, startedAt, errors: [] as AnswerError[] };
    let response: Response;
    let text: string;
    try {
      response = await fetch(options.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(options.patienceMs),
      });
      text = await response.text();
    } catch (error) {
      const hung = (error as Error).name === 'TimeoutError';
      return { ...base, endedAt: Date.now(), status: 0, failure: hung ? 'hung' : 'transport' };
    }
    const endedAt = Date.now();
    let parsed: { data?: Record<string, unknown> | null; errors?: [] } = {};
    try {
      parsed = JSON.parse(text);
    } catch {
      return { ...base, endedAt, status: response.status, errors: [{ code: undefined, service: undefined, path: '', message: `not JSON: ${text.slice(0, 200)}` }] };
    }
    const outcome: Outcome = { ...base, endedAt, status: response.status, errors: errorsOf(parsed) };
    if (kind === 'deep') {
      const data = parsed.data as DeepData | null | undefined;
      outcome.verdict = judgeDeepAnswer(options.deep.healthy, data);
      outcome.reads = classifiedReads(data);
    } else {
      const id = (parsed.data?.reportIncident as { id?: string } | null | undefined)?.id;
      if (id) outcome.acknowledged = id;
    }
    return outcome;
  };

  const connection = async (kind: OutcomeKind) => {
    while (!stopping) settle(await send(kind));
  };
  const connections = [
    ...Array.from({ length: options.deepConnections }, () => connection('deep')),
    ...Array.from({ length: options.reportConnections }, () => connection('report')),
  ];

  return {
    outcomes,
    between: (from, to, kind) => outcomes.filter((o) => o.startedAt >= from && o.endedAt <= to && (!kind || o.kind === kind)),
    firstAfter: (from, test, withinMs) => {
      const found = outcomes.find((o) => o.startedAt >= from && test(o));
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter: Waiter = { from, test, resolve: (o) => (clearTimeout(timer), resolve(o)) };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`no such answer within ${withinMs} ms`));
        }, withinMs);
        waiters.push(waiter);
      });
    },
    stop: async () => {
      stopping = true;
      await Promise.all(connections);
    },
  };
}

/** A report that names its sender's subject, so that a lost one can be told apart in the database. */
function reportInput(subject: string, gridCode: string) {
  return {
    category: 'NATURAL_DISASTER',
    source: 'HOTLINE',
    severity: 'HIGH',
    title: `Fault suite report ${subject}`,
    description: 'Water is ankle-deep at the building entrance (fault suite).',
    gridCode,
  };
}

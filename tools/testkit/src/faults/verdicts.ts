import { FAILED_FETCH_PATH, type DeepLevel } from './deepQuery.js';
import type { AnswerError, Outcome } from './load.js';

/**
 * The contract an answer is held to while something is broken, one function per promise; each says
 * what is wrong with an outcome, or undefined when nothing is, so that a failing test lists the
 * answers that broke it and the bench can count the share that kept it.
 */

export type SubgraphFailureCode = 'SUBGRAPH_UNAVAILABLE' | 'SUBGRAPH_TIMEOUT';

const describeError = (e: AnswerError) => `${e.code ?? 'no code'} from ${e.service ?? 'no service'} at ${e.path || 'no path'} (${e.message.slice(0, 120)})`;
const describeErrors = (errors: AnswerError[]) => errors.map(describeError).join('; ');

/**
 * While the subgraph of one level of the deep query is down (or frozen): the answer keeps everything
 * above that level exactly, nulls that level's links, and carries exactly one error, for the one
 * failed fetch, naming the subgraph, the field and a code the client can act on.
 */
export function partialAnswerProblem(outcome: Outcome, level: DeepLevel, code: SubgraphFailureCode): string | undefined {
  if (outcome.failure) return `no answer (${outcome.failure})`;
  if (outcome.status !== 200) return `HTTP ${outcome.status}: ${describeErrors(outcome.errors)}`;
  const verdict = outcome.verdict!;
  if (!verdict.intactAbove[level]) return `what ${level} does not serve is lost: ${describeErrors(outcome.errors)}`;
  if (!verdict.nulledAt[level]) return `${level}'s fields are not null`;
  const [error, ...more] = outcome.errors;
  if (!error || more.length) return `${outcome.errors.length} errors instead of one: ${describeErrors(outcome.errors)}`;
  if (error.code !== code || error.service !== level || !FAILED_FETCH_PATH[level].test(error.path)) return `wrong error: ${describeError(error)}`;
  return undefined;
}

/** A whole answer: exactly what the healthy platform answers, without any error. */
export function wholeAnswerProblem(outcome: Outcome): string | undefined {
  if (outcome.failure) return `no answer (${outcome.failure})`;
  if (outcome.status !== 200 || outcome.errors.length) return `HTTP ${outcome.status}: ${describeErrors(outcome.errors)}`;
  if (outcome.kind === 'deep' && !outcome.verdict!.whole) return `an answer other than the healthy one, ${outcome.verdict!.difference}`;
  if (outcome.kind === 'report' && !outcome.acknowledged) return 'a report without an id';
  return undefined;
}

/**
 * While the database is unavailable, an answer says so with a code that tells the client to retry,
 * and nothing else: every error carries one of `codes`.
 */
export function retryableProblem(outcome: Outcome, codes: readonly string[]): string | undefined {
  if (outcome.failure) return `no answer (${outcome.failure})`;
  if (outcome.errors.length === 0) return undefined;
  const wrong = outcome.errors.filter((e) => !e.code || !codes.includes(e.code));
  return wrong.length ? `not ${codes.join(' or ')}: ${describeErrors(wrong)}` : undefined;
}

/** Every error any fault may cause: each tells the client what happened and whether to retry. */
export const FAULT_ERROR_CODES = [
  'SUBGRAPH_UNAVAILABLE',
  'SUBGRAPH_TIMEOUT',
  'REQUEST_TIMEOUT',
  'REQUEST_CANCELLED',
  'DATABASE_UNAVAILABLE',
  'DATABASE_TIMEOUT',
  'AUDIT_UNAVAILABLE',
] as const;

/** An error outside the platform's contract: no code, an internal one, or one no fault explains. */
export function uncodedErrors(outcome: Outcome): string | undefined {
  const wrong = outcome.errors.filter((e) => !e.code || !(FAULT_ERROR_CODES as readonly string[]).includes(e.code));
  return wrong.length ? describeErrors(wrong) : undefined;
}

/** The problems of a set of outcomes, each prefixed with when its request was sent relative to `origin`. */
export function problemsOf(outcomes: readonly Outcome[], judge: (o: Outcome) => string | undefined, origin = 0): string[] {
  return outcomes.flatMap((o) => {
    const problem = judge(o);
    return problem ? [`${o.kind} sent at +${o.startedAt - origin} ms, answered after ${o.endedAt - o.startedAt} ms: ${problem}`] : [];
  });
}

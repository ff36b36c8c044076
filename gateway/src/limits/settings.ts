import { positiveIntValue, z } from '@civic/runtime';

/**
 * Every limit the gateway enforces, in one place: its variable, its default and why. The operation
 * limits are checked before the gateway plans a query (parse, validation, then the cost estimate with
 * the request's variables); the rate limits after the caller's token is verified. Defaults let every
 * operation the tests, the bench and the demo tools send pass.
 */
export const limitsEnv = z.object({
  /** Lexical tokens in one document (Apollo's `parseOptions.maxTokens`): the parser stops there, so a huge document costs no more than this to refuse. */
  GATEWAY_MAX_TOKENS: positiveIntValue(5000),
  /**
   * Nesting of fields (fragments expanded, not counted as levels; introspection exempt). The bench's
   * deep query (grid > residents > edges > node > building > incidents > dispatches > id) is 8 levels.
   */
  GATEWAY_MAX_DEPTH: positiveIntValue(12),
  /** Aliased fields per operation, fragments expanded (`__typename` exempt): aliases are how one request becomes hundreds of resolver calls. */
  GATEWAY_MAX_ALIASES: positiveIntValue(15),
  /** Directives per operation, fragments expanded: each costs validation and execution work and none needs many. */
  GATEWAY_MAX_DIRECTIVES: positiveIntValue(20),
  /** Root fields of one query (fragments expanded): each is a separate fetch plan. */
  GATEWAY_MAX_ROOT_FIELDS: positiveIntValue(10),
  /** Root fields of one mutation: each is one write in its own transaction; more than a few in one request is a bulk load, not a user's action. */
  GATEWAY_MAX_MUTATION_FIELDS: positiveIntValue(3),
  /**
   * Estimated cost (see cost.ts): objects the answer may hold, each list multiplied by its `first` or
   * declared size, 10 per mutation field. A full page of 200 residents with their buildings costs 601;
   * the bench's deep query (a grid's 100 residents with building, hazards, incidents and dispatches)
   * 43,302; 200 buildings with their residents' incidents, 420,401.
   */
  GATEWAY_MAX_COST: positiveIntValue(50000),
  /**
   * Requests per user (token subject) in each rate window: 20 a second on average, far above what a
   * person at a console sends, low enough that one stolen token or runaway script cannot hold the gateway.
   */
  GATEWAY_RATE_LIMIT_USER: positiveIntValue(1200),
  /** Requests per department, all its users together, in each rate window: one department's burst cannot take the whole gateway. */
  GATEWAY_RATE_LIMIT_DEPARTMENT: positiveIntValue(12000),
  /** Length of the rate window in seconds. */
  GATEWAY_RATE_WINDOW_S: positiveIntValue(60),
  /** Redis that holds the rate counters, so every gateway replica and worker counts together; unset: each process (each of GATEWAY_WORKERS too) counts in memory on its own. */
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'a redis:// or rediss:// URL' }).optional(),
  /** Prefix of the rate counters' Redis keys: platforms sharing one Redis keep apart with their own. */
  GATEWAY_RATE_KEY_PREFIX: z.string().regex(/^[\w:.-]{1,64}$/, { error: 'letters, digits, _ : . - (at most 64)' }).default('civic:rate'),
  /**
   * Rows one report run may read, over all its pages (GET /reports/{id}/run.*): a run holds them in memory
   * to group and write them; 100,000 rows of a few columns is some tens of MiB.
   */
  REPORT_MAX_ROWS: positiveIntValue(100_000),
  /** The deadline of a whole report run, every page together; each page is also a request under GATEWAY_REQUEST_TIMEOUT_MS. */
  REPORT_TIMEOUT_MS: positiveIntValue(300_000),
});

/**
 * The subgraphs' page cap (subgraph-kit's MAX_PAGE_SIZE): a larger `first` still returns this many,
 * so the estimate counts no more. A unit test keeps the two equal.
 */
export const SERVER_PAGE_CAP = 200;

/**
 * Size assumed for a list that declares no `@listSize` (Apollo Router's `list_size`). Every list of
 * records declares one (a unit test checks); the rest are a rule's conditions, which share their class
 * with an input type, where `@listSize` may not go, and hold a handful.
 */
export const UNDECLARED_LIST_SIZE = 10;

/** Cost of one mutation root field (Apollo's demand-control convention): writes are dearer than reads. */
export const MUTATION_FIELD_WEIGHT = 10;

export interface OperationLimits {
  maxTokens: number;
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxRootFields: number;
  maxMutationFields: number;
  maxCost: number;
}

export interface RateLimits {
  perUser: number;
  perDepartment: number;
  windowSeconds: number;
  redisUrl: string | undefined;
  keyPrefix: string;
}

export interface ReportLimits {
  maxRows: number;
  timeoutMs: number;
}

export interface LimitsConfig {
  operation: OperationLimits;
  rate: RateLimits;
  report: ReportLimits;
}

export function limitsConfigOf(parsed: z.output<typeof limitsEnv>): LimitsConfig {
  return {
    operation: {
      maxTokens: parsed.GATEWAY_MAX_TOKENS,
      maxDepth: parsed.GATEWAY_MAX_DEPTH,
      maxAliases: parsed.GATEWAY_MAX_ALIASES,
      maxDirectives: parsed.GATEWAY_MAX_DIRECTIVES,
      maxRootFields: parsed.GATEWAY_MAX_ROOT_FIELDS,
      maxMutationFields: parsed.GATEWAY_MAX_MUTATION_FIELDS,
      maxCost: parsed.GATEWAY_MAX_COST,
    },
    rate: {
      perUser: parsed.GATEWAY_RATE_LIMIT_USER,
      perDepartment: parsed.GATEWAY_RATE_LIMIT_DEPARTMENT,
      windowSeconds: parsed.GATEWAY_RATE_WINDOW_S,
      redisUrl: parsed.REDIS_URL,
      keyPrefix: parsed.GATEWAY_RATE_KEY_PREFIX,
    },
    report: { maxRows: parsed.REPORT_MAX_ROWS, timeoutMs: parsed.REPORT_TIMEOUT_MS },
  };
}

import type { SubgraphDefinition } from '@civic/subgraph-kit';
import { AuditRecord } from './audit/AuditRecord.js';
import { Department } from './departments/Department.js';
import { internalRoutes } from './internalRoutes.js';
import { migrations } from './migrations/index.js';
import { PolicyVersion } from './policies/PolicyVersion.js';
import { buildAccessSchema } from './schema.js';
import { bootstrapAccess } from './bootstrap.js';
import { SharingClassOverride } from './catalogue/SharingClassOverride.js';
import { SavedReport } from './reports/SavedReport.js';
import { AccessGrant } from './sharing/AccessGrant.js';
import { grantExpirySweep } from './sharing/expirySweep.js';
import { SharingRequest } from './sharing/SharingRequest.js';

/** The data-sharing layer: departments, policy versions, sharing requests and grants, the audit trail. */
export const access: SubgraphDefinition = {
  name: 'access',
  defaultPort: 4005,
  entities: [Department, PolicyVersion, SharingRequest, AccessGrant, AuditRecord, SharingClassOverride, SavedReport],
  migrations,
  buildSchema: buildAccessSchema,
  bootstrap: bootstrapAccess,
  governed: false,
  receivesServiceCalls: true,
  routes: internalRoutes,
  liveSweeps: (env) => [grantExpirySweep(env)],
};

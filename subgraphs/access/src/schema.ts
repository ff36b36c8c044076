import { buildFederatedSchema } from '@civic/subgraph-kit';
import { AuditResolver } from './audit/AuditResolver.js';
import { CatalogueResolver } from './catalogue/CatalogueResolver.js';
import { DepartmentResolver } from './departments/DepartmentResolver.js';
import { ExplainResolver } from './explain/ExplainResolver.js';
import { MatrixResolver } from './matrix/MatrixResolver.js';
import { PolicyResolver } from './policies/PolicyResolver.js';
import { PurposeResolver } from './policies/PurposeResolver.js';
import { ReportResolver } from './reports/ReportResolver.js';
import { GrantResolver, SharingResolver } from './sharing/SharingResolver.js';

export function buildAccessSchema() {
  return buildFederatedSchema({
    resolvers: [PolicyResolver, PurposeResolver, SharingResolver, GrantResolver, AuditResolver, ExplainResolver, MatrixResolver, DepartmentResolver, CatalogueResolver, ReportResolver],
    referenceResolvers: {},
  });
}

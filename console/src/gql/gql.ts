/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "fragment MatrixDecisionParts on MatrixDecision {\n  effect\n  basis\n  mask\n  ruleIndex\n  reason\n}\n\nquery AccessMatrix($role: String! = \"officer\") {\n  accessMatrix(role: $role) {\n    version\n    role\n    departments\n    rows {\n      field\n      typeName\n      fieldName\n      subgraph\n      classification\n      owner\n      cells {\n        department\n        state\n        inside {\n          ...MatrixDecisionParts\n        }\n        outside {\n          ...MatrixDecisionParts\n        }\n        withPurpose {\n          ...MatrixDecisionParts\n        }\n        conditions\n        grants {\n          id\n          purpose\n          scope\n          validUntil\n        }\n      }\n    }\n  }\n}": typeof types.MatrixDecisionPartsFragmentDoc,
    "query Departments {\n  departments {\n    code\n    name\n  }\n}\n\nquery Purposes {\n  purposes {\n    code\n    description\n  }\n}\n\nquery ExplainAccess($input: ExplainAccessInput!) {\n  explainAccess(input: $input) {\n    path\n    typeName\n    fieldName\n    classification\n    decision\n    mask\n    ruleIndex\n    ruleReason\n    grantId\n    conditions\n    reason\n  }\n}": typeof types.DepartmentsDocument,
    "query Areas($parentCode: String) {\n  areas(parentCode: $parentCode) {\n    code\n    name\n    level\n  }\n}": typeof types.AreasDocument,
};
const documents: Documents = {
    "fragment MatrixDecisionParts on MatrixDecision {\n  effect\n  basis\n  mask\n  ruleIndex\n  reason\n}\n\nquery AccessMatrix($role: String! = \"officer\") {\n  accessMatrix(role: $role) {\n    version\n    role\n    departments\n    rows {\n      field\n      typeName\n      fieldName\n      subgraph\n      classification\n      owner\n      cells {\n        department\n        state\n        inside {\n          ...MatrixDecisionParts\n        }\n        outside {\n          ...MatrixDecisionParts\n        }\n        withPurpose {\n          ...MatrixDecisionParts\n        }\n        conditions\n        grants {\n          id\n          purpose\n          scope\n          validUntil\n        }\n      }\n    }\n  }\n}": types.MatrixDecisionPartsFragmentDoc,
    "query Departments {\n  departments {\n    code\n    name\n  }\n}\n\nquery Purposes {\n  purposes {\n    code\n    description\n  }\n}\n\nquery ExplainAccess($input: ExplainAccessInput!) {\n  explainAccess(input: $input) {\n    path\n    typeName\n    fieldName\n    classification\n    decision\n    mask\n    ruleIndex\n    ruleReason\n    grantId\n    conditions\n    reason\n  }\n}": types.DepartmentsDocument,
    "query Areas($parentCode: String) {\n  areas(parentCode: $parentCode) {\n    code\n    name\n    level\n  }\n}": types.AreasDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment MatrixDecisionParts on MatrixDecision {\n  effect\n  basis\n  mask\n  ruleIndex\n  reason\n}\n\nquery AccessMatrix($role: String! = \"officer\") {\n  accessMatrix(role: $role) {\n    version\n    role\n    departments\n    rows {\n      field\n      typeName\n      fieldName\n      subgraph\n      classification\n      owner\n      cells {\n        department\n        state\n        inside {\n          ...MatrixDecisionParts\n        }\n        outside {\n          ...MatrixDecisionParts\n        }\n        withPurpose {\n          ...MatrixDecisionParts\n        }\n        conditions\n        grants {\n          id\n          purpose\n          scope\n          validUntil\n        }\n      }\n    }\n  }\n}"): (typeof documents)["fragment MatrixDecisionParts on MatrixDecision {\n  effect\n  basis\n  mask\n  ruleIndex\n  reason\n}\n\nquery AccessMatrix($role: String! = \"officer\") {\n  accessMatrix(role: $role) {\n    version\n    role\n    departments\n    rows {\n      field\n      typeName\n      fieldName\n      subgraph\n      classification\n      owner\n      cells {\n        department\n        state\n        inside {\n          ...MatrixDecisionParts\n        }\n        outside {\n          ...MatrixDecisionParts\n        }\n        withPurpose {\n          ...MatrixDecisionParts\n        }\n        conditions\n        grants {\n          id\n          purpose\n          scope\n          validUntil\n        }\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Departments {\n  departments {\n    code\n    name\n  }\n}\n\nquery Purposes {\n  purposes {\n    code\n    description\n  }\n}\n\nquery ExplainAccess($input: ExplainAccessInput!) {\n  explainAccess(input: $input) {\n    path\n    typeName\n    fieldName\n    classification\n    decision\n    mask\n    ruleIndex\n    ruleReason\n    grantId\n    conditions\n    reason\n  }\n}"): (typeof documents)["query Departments {\n  departments {\n    code\n    name\n  }\n}\n\nquery Purposes {\n  purposes {\n    code\n    description\n  }\n}\n\nquery ExplainAccess($input: ExplainAccessInput!) {\n  explainAccess(input: $input) {\n    path\n    typeName\n    fieldName\n    classification\n    decision\n    mask\n    ruleIndex\n    ruleReason\n    grantId\n    conditions\n    reason\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Areas($parentCode: String) {\n  areas(parentCode: $parentCode) {\n    code\n    name\n    level\n  }\n}"): (typeof documents)["query Areas($parentCode: String) {\n  areas(parentCode: $parentCode) {\n    code\n    name\n    level\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;
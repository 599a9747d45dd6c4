/** The identity graph: which fields identify a person, and how every personal table is reached from them. */
export type * from './types.js';
export { tableKey, columnKey, edgeKey, linkKey, sameTable } from './keys.js';
export { identityKindForEntity, identityFields } from './identity.js';
export { buildIdentityGraph, DEFAULT_MIN_CONFIDENCE } from './graph.js';
export { proposeReferences, nameWords, foreignKeyStem, tableNamesFor, type ReferenceCandidate } from './propose.js';
export { scoreReference, inferReferences, checkProbeColumns, type Containment, type ContainmentProbe, type InferOptions, type InferResult } from './infer.js';
export { graphTableFromScan, foreignKeyEdges, type ScannedTable } from './from-scan.js';
export { createPostgresContainmentProbe } from './containment-postgres.js';
export { createMysqlContainmentProbe, type MysqlQueryable } from './containment-mysql.js';

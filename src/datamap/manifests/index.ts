/**
 * Privacy as code: the data map as YAML manifests (export, read, plan, apply) and Fides interop.
 * Layout of a manifest folder: organisation.yaml, taxonomy.yaml, systems/<name>.yaml,
 * activities/<key>.yaml; keys in snake_case. See README.md beside this file.
 */
export type { Change, DesiredField, DesiredState, DesiredSystem, DesiredTable, FieldSpec, ManifestTarget, TableAddress, TableSpec } from './types.js';
export type { ManifestIssue } from './issues.js';
export { renderManifests, writeManifests, systemFile, activityFile } from './render.js';
export { readManifests, parseManifests } from './read.js';
export { planChanges, formatPlan, type PlanOptions } from './plan.js';
export { applyChanges } from './apply.js';
export { desiredToState, isExportedReference, columnKindOf } from './state.js';
export { toSnakeKey, toCamelKey, snakeKeys } from './convert.js';
export { importFidesDatasets, exportFidesDatasets, importFidesSystems, exportFidesSystems, type FidesDatasetImportOptions, type FidesImport, type FidesSystemsImport } from './fides.js';

/**
 * The in-process API of the `custos` package. The server, CLI and console are the main ways in;
 * this is for embedding Custos in a Node process or for offline tooling (verifying an audit export).
 */
export { createApp, type App } from './app.js';
export { loadConfig, type Config, type ConfigInput } from './config/config.js';
export { buildServer } from './http/server.js';
export { verifyExportFile } from './audit/audit.service.js';
export type { AuditEvent, AuditEventInput, AuditContext, Actor, VerifyReport, ChainProblem } from './audit/audit.types.js';
export { CustosError, ERROR_CODES, type ErrorCode } from './lib/errors.js';
export { ROLES, PERMISSIONS, ROLE_PERMISSIONS, type Role, type Permission } from './identity/permissions.js';
export { detect, classifyValue, hintsFromName, createDetector, parseCustomDetectors, ENTITIES, type Span, type DetectOptions, type EntityDefinition, type CustomDetectorSpec } from './discovery/detect/index.js';
export { openConnector } from './discovery/connectors/open.js';
export { scanSource, type ScanOptions, type ScanResult } from './discovery/scan/scanner.js';
export type { TableFinding, ColumnFinding } from './discovery/discovery.types.js';

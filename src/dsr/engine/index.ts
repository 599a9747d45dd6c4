/** The DSR execution engine: identities → plan of set-based steps per system → access or erasure. */
export type * from './types.js';
export { normaliseIdentity, normaliseIdentities, normaliseEmail, normaliseNationalId, phoneDigits, IdentityError, type IdentityInput } from './identities.js';
export { ruleFor, checkPolicy, fieldAction, maskValue, pseudonymise, isPseudonym, DEFAULT_PSEUDONYM_LENGTH } from './policy.js';
export { compilePlan, lengthOfType, type PlanHold, type PlanInput } from './plan.js';
export { runPlan, systemStepId, type RunOptions } from './execute.js';
export { postgresConnection, mysqlConnection, openEngineConnection, describeColumns } from './connections.js';
export { correctedColumns } from './corrections.js';

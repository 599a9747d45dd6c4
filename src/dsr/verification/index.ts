/** Identity verification of data subjects: one-time codes sent by e-mail, and the levels each request type needs. */
export {
  afterCheck,
  createVerificationCodes,
  hashAddress,
  MAX_CODE_LENGTH,
  MIN_CODE_LENGTH,
  newVerificationRecord,
  verificationError,
  type CheckOutcome,
  type KeyedHasher,
  type StoredCode,
  type VerificationCodes,
  type VerificationRecord,
} from './codes.js';
export { verificationMessage, type VerificationMessage, type VerificationMessageInput } from './message.js';
export {
  DEFAULT_VERIFICATION_LEVEL,
  describeSteps,
  evaluateVerification,
  isVerificationLevel,
  levelFor,
  parseVerificationLevels,
  staffStepsLeft,
  stricterLevel,
  VERIFICATION_LEVELS,
  VERIFICATION_STEPS,
  type VerificationLevel,
  type VerificationLevels,
  type VerificationStatus,
  type VerificationStep,
} from './levels.js';

/** Identity verification of data subjects by a one-time code sent by e-mail. */
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

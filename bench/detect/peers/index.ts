/** The npm detectors measured beside Custos. A peer that fails to load is reported, not hidden. */
import type { Detector } from './types.js';

export const PEERS: { name: string; load: () => Promise<Detector> }[] = [
  { name: 'redact-pii', load: async () => (await import('./redact-pii.js')).create() as Promise<Detector> },
  { name: '@redactpii/node', load: async () => (await import('./redactpii-node.js')).create() as Promise<Detector> },
  { name: '@arcjet/redact', load: async () => (await import('./arcjet.js')).create() as Promise<Detector> },
  { name: '@coffeeandfun/remove-pii', load: async () => (await import('./remove-pii.js')).create() as Promise<Detector> },
  { name: '@cdssnc/sanitize-pii', load: async () => (await import('./sanitize-pii.js')).create() as Promise<Detector> },
  { name: 'openredaction', load: async () => (await import('./openredaction.js')).create('openredaction') as Promise<Detector> },
  { name: '@openredaction/openredaction', load: async () => (await import('./openredaction.js')).create('@openredaction/openredaction') as Promise<Detector> },
];

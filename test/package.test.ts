/** The package's in-process API, as `import { detect } from 'custos'` gives it. */
import { describe, expect, it } from 'vitest';
import { detect, ENTITIES, loadConfig, ROLES } from '../src/index.js';

describe('package entry point', () => {
  it('exports detect() with JS string offsets', () => {
    const text = '👋 write to ana.silva@example.com';
    const [span] = detect(text);
    expect(span).toMatchObject({ type: 'EMAIL_ADDRESS', category: 'user.contact.email' });
    expect(text.slice(span!.start, span!.end)).toBe('ana.silva@example.com');
    expect(ENTITIES.length).toBeGreaterThanOrEqual(40);
    expect(ROLES).toContain('auditor');
    expect(loadConfig({ env: {} }).port).toBe(8080);
  });
});

import { describe, expect, it } from 'vitest';
import { createDetector, parseCustomDetectors } from './index.js';
import { CustosError } from '../../lib/errors.js';

const YAML = `
detectors:
  - name: EMPLOYEE_ID
    pattern: 'EMP-\\d{6}'
    context: [employee, staff]
    category: user.unique_id
    score: 0.4
  - name: LOYALTY_CARD
    pattern: '\\b\\d{16}\\b'
    validator: luhn
    category: user.financial
`;

describe('custom YAML detectors', () => {
  it('parses, validates and detects with context and checksum', () => {
    const specs = parseCustomDetectors(YAML);
    expect(specs.map((s) => s.name)).toEqual(['EMPLOYEE_ID', 'LOYALTY_CARD']);
    const d = createDetector({ custom: specs });
    const text = 'staff EMP-123456';
    const spans = d.detect(text);
    expect(spans.map((s) => [s.type, text.slice(s.start, s.end), s.category])).toEqual([['EMPLOYEE_ID', 'EMP-123456', 'user.unique_id']]);
    expect(d.detect('ticket EMP-654321')).toEqual([]);
    expect(d.detect('loyalty 4111111111111111', { entities: ['LOYALTY_CARD'] }).map((s) => s.type)).toEqual(['LOYALTY_CARD']);
    expect(d.detect('loyalty 4111111111111112').filter((s) => s.type === 'LOYALTY_CARD')).toEqual([]);
    expect(d.classifyValue('EMP-123456', { hints: ['employee'] })[0]?.type).toBe('EMPLOYEE_ID');
  });
  it('accepts a bare list', () => {
    expect(parseCustomDetectors('- {name: CODE_X, pattern: "X\\\\d+", category: user}')).toHaveLength(1);
  });
  it('names the field at fault', () => {
    try {
      parseCustomDetectors('detectors:\n  - name: bad name\n    pattern: x\n    category: user');
      expect.fail('should throw');
    } catch (err) {
      expect(err).toBeInstanceOf(CustosError);
      expect((err as CustosError).code).toBe('VALIDATION_FAILED');
      expect((err as CustosError).details[0]?.field).toBe('detectors.0.name');
    }
  });
  it('reports bad YAML and bad regular expressions clearly', () => {
    expect(() => parseCustomDetectors('detectors: [unclosed')).toThrow(/invalid YAML/);
    expect(() => parseCustomDetectors('- {name: BAD_RE, pattern: "(abc", category: user}')).toThrow(/BAD_RE: invalid pattern/);
    expect(() => parseCustomDetectors('- {name: BACKREF, pattern: "(a)\\\\1", category: user}')).toThrow(CustosError);
    expect(() => parseCustomDetectors('- {name: NO_CAT, pattern: "x"}')).toThrow(/category/);
  });
  it('a catastrophic pattern returns quickly (linear-time engine)', () => {
    const d = createDetector({ custom: parseCustomDetectors('- {name: EVIL, pattern: "(a+)+$", category: user}') });
    const t = performance.now();
    const spans = d.detect('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!');
    const big = d.detect(`${'a'.repeat(200_000)}!`);
    expect(performance.now() - t).toBeLessThan(2000);
    expect(spans).toEqual([]);
    expect(big).toEqual([]);
  });
});

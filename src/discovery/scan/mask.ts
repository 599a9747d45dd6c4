/**
 * Masked examples: enough for a person to recognise what was found (`j***@example.com`,
 * `****1234`), never enough to recover the value. Raw sampled values are never stored or logged.
 */
export function maskValue(value: string): string {
  const trimmed = value.trim();
  const at = trimmed.indexOf('@');
  if (at > 0 && at < trimmed.length - 1) return `${trimmed[0]}***${trimmed.slice(at)}`.slice(0, 60);
  const digits = trimmed.replace(/\D/g, '');
  if (digits.length >= 6 && digits.length >= trimmed.length * 0.6) return `****${digits.slice(-Math.min(4, Math.floor(digits.length / 3)))}`;
  if (trimmed.length <= 2) return '*'.repeat(trimmed.length);
  const first = Array.from(trimmed)[0]!;
  return `${first}${'*'.repeat(Math.min(8, Array.from(trimmed).length - 1))}`;
}

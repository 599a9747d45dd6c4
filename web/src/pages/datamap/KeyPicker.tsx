/** Picks taxonomy keys (categories, uses, subjects): chips for what is chosen, a search for what to add. */
import { useId, useMemo, useState } from 'react';
import { Icon } from '../../components/Icon';
import type { TaxonomyEntry } from './types';

const MAX_SUGGESTIONS = 8;

export function KeyPicker({ label, entries, value, onChange, error, disabled, testId }: {
  label: string;
  entries: TaxonomyEntry[];
  value: string[];
  onChange: (next: string[]) => void;
  error?: string | undefined;
  disabled?: boolean;
  testId: string;
}) {
  const id = useId();
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const needle = query.trim().toLowerCase();
  const suggestions = useMemo(
    () =>
      entries
        .filter((e) => !value.includes(e.key) && (!needle || e.key.toLowerCase().includes(needle) || e.name.toLowerCase().includes(needle)))
        .slice(0, MAX_SUGGESTIONS),
    [entries, value, needle],
  );
  const names = new Map(entries.map((e) => [e.key, e.name]));
  const add = (key: string) => {
    onChange([...value, key]);
    setQuery('');
  };

  return (
    <div className={`field dm-picker${error ? ' field-invalid' : ''}`} data-testid={testId}>
      <label htmlFor={id}>{label}</label>
      {value.length > 0 ? (
        <ul className="dm-chips" aria-label={`${label} chosen`}>
          {value.map((key) => (
            <li key={key} className="dm-chip" title={names.get(key) ?? 'Not in the taxonomy'} data-testid="picker-chip" data-key={key}>
              <span className="mono">{key}</span>
              {disabled ? null : (
                <button type="button" onClick={() => onChange(value.filter((k) => k !== key))} aria-label={`Remove ${key}`}>
                  <Icon name="close" size={12} />
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      {disabled ? (
        value.length === 0 ? <span className="muted">None</span> : null
      ) : (
        <div className="dm-picker-box">
          <input
            id={id}
            className="input"
            type="search"
            value={query}
            placeholder="Search the taxonomy…"
            autoComplete="off"
            onChange={(e) => {
              setQuery(e.target.value);
              setOpen(true);
            }}
            onFocus={() => setOpen(true)}
            onBlur={() => window.setTimeout(() => setOpen(false), 150)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                const first = suggestions[0];
                if (first) add(first.key);
              } else if (e.key === 'Escape') setOpen(false);
            }}
            aria-invalid={error ? true : undefined}
            data-testid={`${testId}-search`}
          />
          {open && suggestions.length > 0 ? (
            <ul className="dm-suggestions" role="listbox" aria-label={`${label} suggestions`}>
              {suggestions.map((s) => (
                <li key={s.key} role="option" aria-selected={false}>
                  <button type="button" onMouseDown={(e) => e.preventDefault()} onClick={() => add(s.key)} data-testid="picker-option" data-key={s.key}>
                    <span className="mono">{s.key}</span>
                    <span className="muted small">{s.name}</span>
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      )}
      {error ? <p className="field-error">{error}</p> : null}
    </div>
  );
}

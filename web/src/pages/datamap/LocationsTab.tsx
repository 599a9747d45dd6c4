/** The data-location view: which systems and countries hold each category, and which activities cover it. */
import { useState } from 'react';
import { Badge } from '../../components/Badge';
import { EmptyState, RequestState } from '../../components/Feedback';
import { TextField } from '../../components/Field';
import { formatNumber } from '../../format';
import type { AsyncResult } from '../../hooks';
import { LevelBadge, levelRank } from '../discovery/levels';
import { Breakable, ChipList, usePolicy } from './shared';
import type { MapView } from './types';

export function LocationsTab({ result, onOpenActivity }: { result: AsyncResult<{ map: MapView }>; onOpenActivity: (key: string) => void }) {
  const policy = usePolicy();
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<'category' | 'level'>('category');
  const map = result.data?.map;
  if (!map) return <RequestState loading={result.loading} error={result.error} hasData={false} onRetry={result.reload} label="Loading data locations…" />;
  const needle = search.trim().toLowerCase();
  const rows = map.categories
    .filter((c) => !needle || [c.category, ...c.systems, ...c.countries, ...c.activities].some((v) => v.toLowerCase().includes(needle)))
    .sort((a, b) => (sort === 'level' ? levelRank(b.level) - levelRank(a.level) : 0) || a.category.localeCompare(b.category));
  return (
    <>
      <div className="dm-toolbar">
        <TextField label="Search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Category, system, country or activity" testId="locations-search" fieldClassName="dm-toolbar-search" />
        <p className="muted">Where each category of personal data is held, in which countries, and under which activities. A country of “unknown” means a system has no hosting country yet (Systems page).</p>
      </div>
      {rows.length === 0 ? (
        <EmptyState title={needle ? 'No category matches' : 'No categories yet'}>{needle ? 'Change the search.' : 'Categories appear once discovery has classified fields.'}</EmptyState>
      ) : (
        <div className="table-wrap dm-table-wrap">
          <table className="table" data-testid="locations-table">
            <caption className="visually-hidden">Data categories by system and country</caption>
            <thead>
              <tr>
                <th scope="col">
                  <button type="button" className="th-sort" onClick={() => setSort('category')} aria-pressed={sort === 'category'}>
                    Category
                  </button>
                </th>
                <th scope="col">
                  <button type="button" className="th-sort" onClick={() => setSort('level')} aria-pressed={sort === 'level'}>
                    Level
                  </button>
                </th>
                <th scope="col">Systems</th>
                <th scope="col">Countries</th>
                <th scope="col">Activities</th>
                <th scope="col" className="num">
                  Fields
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <tr key={c.category} data-testid="locations-row" data-category={c.category}>
                  <th scope="row" className="mono">
                    <Breakable text={c.category} />
                  </th>
                  <td>
                    <LevelBadge level={c.level} policy={policy} />
                  </td>
                  <td>
                    <ChipList items={c.systems} />
                  </td>
                  <td>
                    {c.countries.map((country) => (
                      <Badge key={country} tone={country === 'unknown' ? 'warning' : 'neutral'}>
                        {country}
                      </Badge>
                    ))}
                  </td>
                  <td>
                    {c.activities.length === 0 ? (
                      <Badge tone="danger">None</Badge>
                    ) : (
                      <span className="tag-list">
                        {c.activities.map((key) => (
                          <button key={key} type="button" className="btn-link mono small" onClick={() => onOpenActivity(key)}>
                            {key}
                          </button>
                        ))}
                      </span>
                    )}
                  </td>
                  <td className="num">{formatNumber(c.fields)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

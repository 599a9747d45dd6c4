/**
 * From the stored map to the identity graph and to the views people read: pure functions over
 * MapState, so the CLI, the API, the CI gate and the reports all see the same map.
 */
import { buildIdentityGraph, identityKindForEntity, tableKey, type GraphEdge, type GraphOptions, type GraphTable, type IdentityGraph } from './graph/index.js';
import type { ColumnKind, TableKind } from '../discovery/connectors/connector.js';
import type { MapField, MapState, MapTable } from './datamap.types.js';

const LEVEL_ORDER = ['L1', 'L2', 'L3', 'L4'];

export function highestLevel(levels: (string | null)[]): string | null {
  let best: string | null = null;
  for (const level of levels) if (level && (!best || LEVEL_ORDER.indexOf(level) > LEVEL_ORDER.indexOf(best))) best = level;
  return best;
}

/** The identity a field carries: declared by a person or manifest, else implied by a structured entity. */
export function identityOf(field: Pick<MapField, 'identity' | 'entity' | 'freeText'>): string | null {
  if (field.identity) return field.identity;
  if (!field.entity || field.freeText) return null;
  return identityKindForEntity(field.entity);
}

function fieldsByTable(fields: MapField[]): Map<string, MapField[]> {
  const byTable = new Map<string, MapField[]>();
  for (const field of fields) {
    const key = tableKey({ system: field.system, schema: field.schema, table: field.table });
    const list = byTable.get(key);
    if (list) list.push(field);
    else byTable.set(key, [field]);
  }
  return byTable;
}

function graphTable(table: MapTable, fields: MapField[]): GraphTable {
  const byColumn = new Map(fields.map((f) => [f.column, f]));
  const names = new Set(table.columns.map((c) => c.name));
  const columns = table.columns.map((c) => ({ name: c.name, dataType: c.dataType, kind: c.kind }));
  // Fields declared in a manifest for a column the map has not introspected still count.
  for (const f of fields) if (!names.has(f.column)) columns.push({ name: f.column, dataType: f.dataType, kind: 'other' });
  return {
    ref: { system: table.system, schema: table.schema, table: table.table },
    kind: table.kind as TableKind,
    primaryKey: table.primaryKey,
    columns: columns.map((c) => {
      const field = byColumn.get(c.name);
      const identity = field ? identityOf(field) : null;
      return {
        name: c.name,
        kindOfType: c.kind as ColumnKind,
        personal: Boolean(field?.category),
        ...(identity ? { identity } : {}),
        ...(field?.category ? { category: field.category } : {}),
      };
    }),
  };
}

export function graphInput(state: MapState): { tables: GraphTable[]; edges: GraphEdge[] } {
  const byTable = fieldsByTable(state.fields);
  const tables = state.tables.map((t) => graphTable(t, byTable.get(tableKey({ system: t.system, schema: t.schema, table: t.table })) ?? []));
  const edges: GraphEdge[] = state.references.map((r) => ({
    id: r.id,
    from: { table: { system: r.from.system, schema: r.from.schema, table: r.from.table }, columns: r.from.columns },
    to: { table: { system: r.to.system, schema: r.to.schema, table: r.to.table }, columns: r.to.columns },
    origin: r.origin,
    confidence: r.confidence,
    status: r.status,
  }));
  return { tables, edges };
}

export function identityGraphOf(state: MapState, options: GraphOptions = {}): IdentityGraph {
  const { tables, edges } = graphInput(state);
  return buildIdentityGraph(tables, edges, options);
}

export interface MapViewTable {
  schema: string;
  table: string;
  kind: string;
  rowEstimate: number | null;
  level: string | null;
  reachable: boolean;
  /** How an identity reaches the table: `customers.email → orders.customer_id`, empty for identity tables. */
  path: string[];
  fields: Pick<MapField, 'id' | 'column' | 'dataType' | 'entity' | 'category' | 'level' | 'confidence' | 'provenance' | 'identity' | 'freeText'>[];
}

export interface MapViewSystem {
  id: string;
  name: string;
  kind: string;
  engine: string;
  owner: string | null;
  department: string | null;
  hostingRegion: string | null;
  hostingCountry: string | null;
  role: string;
  level: string | null;
  categories: string[];
  activities: string[];
  tables: MapViewTable[];
}

export interface MapView {
  systems: MapViewSystem[];
  /** Category → where it is (systems, countries) and why (activities). The data-location view. */
  categories: { category: string; level: string | null; systems: string[]; countries: string[]; activities: string[]; fields: number }[];
  identities: { system: string; schema: string; table: string; column: string; kind: string }[];
  unreachable: { system: string; schema: string; table: string }[];
  referencesForReview: number;
}

/** Everything a person reads on the map page or in `custos map show`, from one state and one graph. */
export function mapView(state: MapState, graph: IdentityGraph = identityGraphOf(state)): MapView {
  const byTable = fieldsByTable(state.fields.filter((f) => f.category));
  const reached = new Map(graph.reachable.map((r) => [tableKey(r.table), r]));
  const systems = state.systems.map((system): MapViewSystem => {
    const tables = state.tables
      .filter((t) => t.systemId === system.id)
      .map((t): MapViewTable => {
        const key = tableKey({ system: t.system, schema: t.schema, table: t.table });
        const fields = byTable.get(key) ?? [];
        const reach = reached.get(key);
        return {
          schema: t.schema,
          table: t.table,
          kind: t.kind,
          rowEstimate: t.rowEstimate,
          level: highestLevel(fields.map((f) => f.level)),
          reachable: reach !== undefined,
          path: reach ? reach.path.map((h) => `${h.from.table.table}.${h.from.columns.join('+')} → ${h.to.table.table}.${h.to.columns.join('+')}`) : [],
          fields: fields.map(({ id, column, dataType, entity, category, level, confidence, provenance, identity, freeText }) => ({ id, column, dataType, entity, category, level, confidence, provenance, identity: identityOf({ identity, entity, freeText }), freeText })),
        };
      });
    const categories = [...new Set(tables.flatMap((t) => t.fields.map((f) => f.category!)))].sort();
    return {
      id: system.id,
      name: system.name,
      kind: system.kind,
      engine: system.engine,
      owner: system.owner,
      department: system.department,
      hostingRegion: system.hostingRegion,
      hostingCountry: system.hostingCountry,
      role: system.role,
      level: highestLevel(tables.map((t) => t.level)),
      categories,
      activities: state.activities.filter((a) => a.systems.includes(system.name)).map((a) => a.key),
      tables,
    };
  });
  return {
    systems,
    categories: categoryLocations(state),
    identities: graph.identities.map((i) => ({ system: i.system, schema: i.schema, table: i.table, column: i.column, kind: i.kind })),
    unreachable: graph.unreachable.map((t) => ({ system: t.system, schema: t.schema, table: t.table })),
    referencesForReview: graph.edgesListedForReview.length,
  };
}

function categoryLocations(state: MapState): MapView['categories'] {
  const countryOf = new Map(state.systems.map((s) => [s.name, s.hostingCountry]));
  const byCategory = new Map<string, MapField[]>();
  for (const field of state.fields) if (field.category) byCategory.set(field.category, [...(byCategory.get(field.category) ?? []), field]);
  return [...byCategory.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([category, fields]) => {
      const systems = [...new Set(fields.map((f) => f.system))].sort();
      return {
        category,
        level: highestLevel(fields.map((f) => f.level)),
        systems,
        countries: [...new Set(systems.map((s) => countryOf.get(s) ?? 'unknown'))].sort(),
        activities: state.activities.filter((a) => a.dataCategories.some((c) => category === c || category.startsWith(`${c}.`))).map((a) => a.key),
        fields: fields.length,
      };
    });
}

/**
 * Column classification from a sample, the cloud-DLP recipe (see ../README.md): test each value
 * anchored and validated, measure how many match (with a Wilson lower bound, so small samples do
 * not over-claim), let the column name lower the bar for the entity it names, run span detection
 * on free text and JSON, and fall back to the name alone for categories values cannot show
 * (a `religion` column of short codes, a password hash).
 */
import { wilsonLowerBound } from '../../lib/stats.js';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { createDetector, ENTITIES, hintsFromName } from '../detect/index.js';
import type { ColumnInfo } from '../connectors/connector.js';
import { gradeCategory } from '../grading/grading.js';
import { maskValue } from './mask.js';
import type { ColumnFinding } from '../discovery.types.js';

export type { ColumnFinding };

const MAX_EXAMPLES = 3;
const FREE_TEXT_MIN_CHARS = 40;
/** Share of values that must match, without and with a supporting column name. */
const MIN_SHARE = 0.6;
const MIN_SHARE_HINTED = 0.25;
/** Span detection in free text: a type must show up in this share of values (and at least twice). */
const MIN_TEXT_SHARE = 0.02;
const NAME_ONLY_STRENGTH = 0.8;

interface Tally {
  count: number;
  scoreSum: number;
  category: string;
  examples: string[];
}

export interface ColumnClassifier {
  add(value: string | null): void;
  finish(): ColumnFinding;
}

export type Detector = ReturnType<typeof createDetector>;
const BUILT_IN = createDetector();

export function createColumnClassifier(column: ColumnInfo, options: { minScore?: number; detector?: Detector; table?: string } = {}): ColumnClassifier {
  const { detect, classifyValue } = options.detector ?? BUILT_IN;
  // `name` or `title` says "a person" only in a table of people: in `category` or `language` it is a label.
  const isReference = isReferenceColumn(column.name) || (options.table !== undefined && isGenericName(column.name) && !PERSON_TABLE.test(options.table));
  const hints = isReference ? [] : nameHints(column.name);
  const byName = columnEntityFor(column.name, options.table);
  let wordy = 0;
  const stripped = column.name.replace(/[_\-\s]*\d+$/, '');
  const hintWords = isReference ? [] : stripped && stripped !== column.name ? [column.name, stripped] : [column.name];
  const structured = new Map<string, Tally>();
  const textual = new Map<string, Tally>();
  let sampled = 0;
  let nonNull = 0;
  let freeTextValues = 0;
  let phoneShaped = 0;
  // A few distinct values (up to 8) are enough to tell a status column (`active`, `inactive`) from free text.
  const distinct = new Set<string>();
  const minScore = options.minScore ?? 0.5;
  const readsContent = column.kind !== 'boolean';

  function tally(map: Map<string, Tally>, type: string, category: string, score: number, value: string): void {
    const entry = map.get(type) ?? { count: 0, scoreSum: 0, category, examples: [] };
    entry.count += 1;
    entry.scoreSum += score;
    if (entry.examples.length < MAX_EXAMPLES) entry.examples.push(maskValue(value));
    map.set(type, entry);
  }

  /**
   * A column named as a phone whose values are mostly phone-shaped (7-15 digits, the usual
   * punctuation) holds phone numbers even when they fail validation (made-up or outdated numbers,
   * numbers stored without their country): named, at reduced confidence.
   */
  function phoneByShape(): { type: string; strength: number; category: string | null } | undefined {
    const hint = hints.find((h) => h.type === 'PHONE_NUMBER' && h.strength >= NAME_ONLY_STRENGTH);
    if (!hint || nonNull === 0 || (phoneShaped + (structured.get('PHONE_NUMBER')?.count ?? 0)) / nonNull < 0.8) return undefined;
    return { type: 'PHONE_NUMBER', strength: hint.strength, category: categoryOfNamed('PHONE_NUMBER') };
  }

  return {
    add(value) {
      sampled += 1;
      if (value === null) return;
      const text = value.trim();
      if (!text) return;
      nonNull += 1;
      if (WORDY.test(text)) wordy += 1;
      if (distinct.size < 8) distinct.add(text);
      if (!readsContent) return;
      // JSON documents count as text to search whatever the column type says (MariaDB keeps JSON in LONGTEXT).
      const isFreeText = column.kind === 'json' || isJsonDocument(text) || (text.length >= FREE_TEXT_MIN_CHARS && /\s/.test(text));
      if (isFreeText) {
        freeTextValues += 1;
        const seen = new Set<string>();
        for (const span of detect(text, { minScore, hints: hintWords })) {
          if (seen.has(span.type)) continue;
          seen.add(span.type);
          tally(textual, span.type, span.category, span.score, text.slice(span.start, span.end));
        }
        return;
      }
      const best = classifyValue(text, { hints: hintWords })[0];
      if (best && best.score >= minScore) tally(structured, best.type, best.category, best.score, text);
      else if (PHONE_SHAPE.test(text)) phoneShaped += 1;
    },
    finish() {
      const freeText = nonNull > 0 && freeTextValues / nonNull > 0.5;
      let decided = freeText ? decideFreeText(textual, nonNull) : (decideStructured(structured, nonNull, hints) ?? decideByCategory(structured, nonNull));
      // Free text people wrote varies: a `notes` column holding one or two words over and over is a status.
      const varied = distinct.size >= Math.min(5, nonNull);
      const fromColumnName = byName && (!byName.text || (nonNull > 0 && wordy / nonNull >= 0.5 && varied)) ? { type: byName.entity, strength: byName.strength, category: byName.category } : undefined;
      // A decision the values support only because of the column's name (an opaque token in a
      // `card_token` column read as an API key) yields to an exact entry for that name.
      if (decided && fromColumnName && fromColumnName.type !== decided.type && hints.some((h) => h.type === decided!.type)) decided = undefined;
      // The detectors' name hints stand alone only when there are no values to weigh (an empty or
      // unreadable column); otherwise the values have already been judged with the name in mind.
      const nameOnly = nonNull === 0 || !readsContent ? hints.find((h) => h.strength >= NAME_ONLY_STRENGTH && NAME_REVEALED.has(h.type)) : undefined;
      const named = decided ? undefined : nameOnly ? { ...nameOnly, category: categoryOfNamed(nameOnly.type) } : (fromColumnName ?? phoneByShape());
      const source = freeText ? textual : structured;
      const evidence: ColumnFinding['evidence'] = {
        sampled,
        nonNull,
        matched: decided?.tally.count ?? 0,
        freeText,
        nameHint: hints[0]?.type ?? null,
        detectors: decided ? [decided.type] : named ? [`name:${named.type}`] : [],
        others: [...source.entries()]
          .filter(([type]) => type !== decided?.type)
          .sort((x, y) => y[1].count - x[1].count)
          .slice(0, 5)
          .map(([entity, t]) => ({ entity, matched: t.count })),
      };
      const base = { column: column.name, dataType: column.dataType, kind: column.kind, evidence };
      if (decided) {
        const { category, examples } = decided.tally;
        return { ...base, entity: decided.type, category, level: gradeCategory(category).level, confidence: round(decided.confidence), examples };
      }
      if (named) {
        const { category } = named;
        return { ...base, entity: named.type, category, level: category ? gradeCategory(category).level : null, confidence: round(named.strength * 0.7), examples: [] };
      }
      return { ...base, entity: null, category: null, level: null, confidence: 0, examples: [] };
    },
  };
}

function decideStructured(tallies: Map<string, Tally>, n: number, hints: { type: string; strength: number }[]) {
  let best: { type: string; tally: Tally; confidence: number } | undefined;
  for (const [type, t] of tallies) {
    const hint = hints.find((h) => h.type === type)?.strength ?? 0;
    const share = t.count / n;
    const enough = t.count >= Math.min(3, n) && (share >= MIN_SHARE || (hint >= 0.5 && share >= MIN_SHARE_HINTED));
    if (!enough) continue;
    const confidence = Math.min(1, wilsonLowerBound(t.count, n) * (t.scoreSum / t.count) + hint * 0.2);
    if (!best || confidence > best.confidence) best = { type, tally: t, confidence };
  }
  return best;
}

/**
 * A column of mixed types that share a category (national ids of several countries, phone numbers
 * and their look-alikes) is judged as one: the category decides, the commonest type names it.
 */
function decideByCategory(tallies: Map<string, Tally>, n: number) {
  const groups = new Map<string, { count: number; scoreSum: number; top: [string, Tally] }>();
  for (const entry of tallies) {
    const [, t] = entry;
    const group = groups.get(t.category) ?? { count: 0, scoreSum: 0, top: entry };
    group.count += t.count;
    group.scoreSum += t.scoreSum;
    if (t.count > group.top[1].count) group.top = entry;
    groups.set(t.category, group);
  }
  let best: { type: string; tally: Tally; confidence: number } | undefined;
  for (const group of groups.values()) {
    if (group.count < Math.min(3, n) || group.count / n < MIN_SHARE) continue;
    const confidence = Math.min(1, wilsonLowerBound(group.count, n) * (group.scoreSum / group.count));
    const [type, top] = group.top;
    if (!best || confidence > best.confidence) best = { type, tally: { ...top, count: group.count, scoreSum: group.scoreSum }, confidence };
  }
  return best;
}

function decideFreeText(tallies: Map<string, Tally>, n: number) {
  let best: { type: string; tally: Tally; confidence: number } | undefined;
  for (const [type, t] of tallies) {
    if (t.count < 2 || t.count / n < MIN_TEXT_SHARE) continue;
    // Places named in prose ("a Butler in The Sahara Desert") are about a person only with the person:
    // alone they do not make a text column personal (a column name or another entity may still do).
    if (type === 'LOCATION') continue;
    // Free text is judged by how reliable its spans are, not by how many rows hold one; the most
    // sensitive kind of data it holds names it (tickets that mention health are graded for that).
    const confidence = Math.min(1, (t.scoreSum / t.count) * Math.min(1, 0.6 + wilsonLowerBound(t.count, n)));
    const rank = LEVEL_RANK[gradeCategory(t.category).level];
    const bestRank = best ? LEVEL_RANK[gradeCategory(best.tally.category).level] : -1;
    if (!best || rank > bestRank || (rank === bestRank && t.count > best.tally.count)) best = { type, tally: t, confidence };
  }
  return best;
}

const LEVEL_RANK = { L1: 0, L2: 1, L3: 2, L4: 3 } as const;

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/**
 * Entities a column name may establish on its own: categories whose values are codes, free words
 * or formats that no validator can tell apart (gender `F`, a religion, a password hash, a second
 * address line `Apt. 7`, a licence number). Everything else must be shown by the values.
 */
const NAME_REVEALED = new Set([
  'GENDER',
  'NATIONALITY',
  'RELIGION',
  'ETHNICITY',
  'POLITICAL_OPINION',
  'HEALTH',
  'SEXUAL_ORIENTATION',
  'BIOMETRIC',
  'GENETIC',
  'PASSWORD',
  'API_KEY',
  'PRIVATE_KEY',
  'DATE_OF_BIRTH',
  'STREET_ADDRESS',
  'POSTAL_CODE',
  'LOCATION',
  'US_DRIVER_LICENSE',
  'US_PASSPORT',
  'PASSPORT',
  'LICENSE_PLATE',
  'US_BANK_NUMBER',
]);

/** Things a `…_id` column refers to rather than holds: `shipping_address_id` is a key, not an address. */
const REFERENCED = new Set(['STREET_ADDRESS', 'POSTAL_CODE', 'LOCATION', 'PERSON', 'EMAIL_ADDRESS', 'PHONE_NUMBER']);

function isReferenceColumn(name: string): boolean {
  if (!/_id$/i.test(name) && !/[a-z]Id$/.test(name)) return false; // shipping_address_id, shippingAddressId
  const hinted = hintsFromName(name);
  return hinted.length > 0 && hinted.every((h) => REFERENCED.has(h.type));
}

function isJsonDocument(text: string): boolean {
  const first = text[0];
  if ((first !== '{' && first !== '[') || text.length < 8) return false;
  try {
    return typeof JSON.parse(text) === 'object';
  } catch {
    return false;
  }
}

/** Words in any script: letters with a space between, or CJK text. */
/** Column names that name a thing, whatever the thing is. */
function isGenericName(name: string): boolean {
  return /^(name|title|label|display_?name|nom|nome|nombre|bezeichnung|名称|名字)$/i.test(name.trim());
}

/** Table names of people (singular or plural, any prefix): where a bare `name` column is a person's name. */
const PERSON_TABLE = /(user|customer|client|person|people|member|employee|staff|contact|patient|student|author|account|profile|driver|passenger|guest|applicant|candidate|subscriber|owner|recipient|sender|buyer|seller|actor|artist|teacher|doctor|agent|lead|visitor|kunde|benutzer|mitarbeiter|mitglied|cliente|usuario|usuário|funcionario|funcionário|pessoa|persona|用户|客户|员工|会员|联系人)/i;

/** 7–15 digits with the punctuation phone numbers are written with, and nothing else. */
const PHONE_SHAPE = /^(?=(?:\D*\d){7,15}\D*$)\+?[\d\s().\-/]+$/;

const WORDY = /\p{L}{2,}(\s+\p{L}+|)|[\u3400-\u9fff]{2,}/u;

/** The detectors' name hints, also for the name without its trailing digits (`street2` → `street`). */
function nameHints(name: string): { type: string; strength: number }[] {
  const direct = hintsFromName(name);
  if (direct.length) return direct;
  const stripped = name.replace(/[_\-\s]*\d+$/, '');
  return stripped && stripped !== name ? hintsFromName(stripped) : [];
}

interface ColumnEntity {
  entity: string;
  category: string;
  strength: number;
  text?: boolean;
  names: string[];
  /** Names that count only in a table of people (PERSON_TABLE). */
  inPersonTable?: string[];
}

interface ColumnEntityIndex {
  anywhere: Map<string, ColumnEntity>;
  inPersonTable: Map<string, ColumnEntity>;
}

let columnEntities: ColumnEntityIndex | undefined;

/** See column-entities.yaml: personal data a column's name reveals when its values cannot. */
function columnEntityFor(name: string, table: string | undefined): ColumnEntity | undefined {
  if (!columnEntities) {
    const file = parseYaml(readFileSync(new URL('./column-entities.yaml', import.meta.url), 'utf8')) as { entities: ColumnEntity[] };
    const index = (pick: (e: ColumnEntity) => string[] | undefined): Map<string, ColumnEntity> =>
      new Map(file.entities.flatMap((e) => (pick(e) ?? []).map((n) => [n.toLowerCase(), e] as const)));
    columnEntities = { anywhere: index((e) => e.names), inPersonTable: index((e) => e.inPersonTable) };
  }
  const key = name.toLowerCase().replace(/[_\-.\s]/g, '').replace(/\d+$/, '');
  return columnEntities.anywhere.get(key) ?? (table !== undefined && PERSON_TABLE.test(table) ? columnEntities.inPersonTable.get(key) : undefined);
}

let categoryByEntity: Map<string, string> | undefined;

function categoryOfNamed(type: string): string | null {
  categoryByEntity ??= new Map(ENTITIES.map((e) => [e.type, e.category]));
  return categoryByEntity.get(type) ?? null;
}

export { wilsonLowerBound };

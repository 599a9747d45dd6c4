/**
 * From the live map to the reports' model: every label resolved (taxonomy names, legal-basis
 * citations, mechanism names, country names), processor activities grouped by the controller
 * they serve. Reports are therefore always generated from the map as it is now.
 */
import { legalBasis, jurisdictions, transferMechanisms } from '../law/law.js';
import type { ActivityReport, ControllerServed, InventoryRow, Labeled, ReportModel, SystemReport } from '../reports/index.js';
import { createTaxonomy, type Taxonomy } from '../taxonomy/taxonomy.js';
import type { Activity, MapState } from './datamap.types.js';
import { categoryCoveredBy } from './drift.js';
import { highestLevel, identityOf } from './map.js';

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

function country(code: string): Labeled {
  let name = code;
  try {
    name = regionNames.of(code) ?? code;
  } catch {
    // An invalid code keeps its own text: the schema already refused most of them.
  }
  return { key: code, name };
}

function labelled(taxonomy: Taxonomy, key: string): Labeled {
  return { key, name: taxonomy.get(key)?.name ?? key };
}

function jurisdictionLabel(id: string): Labeled {
  return { key: id, name: jurisdictions().find((j) => j.id === id)?.name ?? id };
}

function mechanismLabel(jurisdiction: string, id: string | undefined): { label: Labeled; citation?: string } {
  if (!id) return { label: { key: 'none', name: 'None recorded' } };
  try {
    const found = transferMechanisms(jurisdiction).find((m) => m.id === id);
    if (found) return { label: { key: id, name: found.label }, citation: found.citation };
  } catch {
    // Unknown jurisdiction: the CI gate reports it; the report shows the id as written.
  }
  return { label: { key: id, name: id } };
}

const UNITS: Record<string, [string, string]> = { Y: ['year', 'years'], M: ['month', 'months'], W: ['week', 'weeks'], D: ['day', 'days'] };

/** `P2Y6M` → `2 years 6 months`. */
export function describeDuration(period: string): string {
  const parts = [...period.matchAll(/(\d+)([YMWD])/g)].map(([, n, unit]) => `${n} ${UNITS[unit!]![Number(n) === 1 ? 0 : 1]}`);
  return parts.join(' ') || period;
}

function systemMeasures(state: MapState, names: string[]): string[] {
  return [...new Set(state.systems.filter((s) => names.length === 0 || names.includes(s.name)).flatMap((s) => s.securityMeasures))].sort();
}

function activityReport(activity: Activity, state: MapState, taxonomy: Taxonomy): ActivityReport {
  const systems = state.systems.filter((s) => activity.systems.includes(s.name));
  const levels = (category: string) => highestLevel(state.fields.filter((f) => f.category && categoryCoveredBy(f.category, category)).map((f) => f.level));
  const conditions = activity.legalBases.filter((b) => b.specialCondition);
  return {
    id: activity.key,
    name: activity.name,
    ...(activity.description ? { description: activity.description } : {}),
    ...(systems[0]?.owner ? { owner: systems[0].owner } : {}),
    purposes: activity.dataUses.map((u) => labelled(taxonomy, u)),
    legalBases: activity.legalBases.map((b) => {
      const rule = legalBasis(b.jurisdiction, b.basis);
      return { jurisdiction: jurisdictionLabel(b.jurisdiction), basis: { key: b.basis, name: rule?.label ?? b.basis }, ...(rule ? { article: rule.citation } : {}), ...(b.note ? { note: b.note } : {}) };
    }),
    dataSubjects: activity.dataSubjects.map((s) => labelled(taxonomy, s)),
    dataCategories: activity.dataCategories.map((c) => {
      const level = levels(c);
      return { ...labelled(taxonomy, c), ...(taxonomy.has(c) && taxonomy.isSpecial(c) ? { special: true } : {}), ...(level ? { level } : {}) };
    }),
    // A condition answers for the categories its own law makes special (PIPL's financial data is not GDPR Art. 9 data).
    specialCategories: conditions.flatMap((b) =>
      activity.dataCategories
        .filter((c) => taxonomy.has(c) && taxonomy.isSpecialUnder(c, b.jurisdiction))
        .map((c) => {
          const rule = legalBasis(b.jurisdiction, b.specialCondition!);
          return { category: labelled(taxonomy, c), jurisdiction: jurisdictionLabel(b.jurisdiction), condition: { key: b.specialCondition!, name: rule?.label ?? b.specialCondition! }, ...(rule ? { article: rule.citation } : {}) };
        }),
    ),
    recipients: activity.recipients.map((r) => ({
      name: r.name,
      category: { key: r.type, name: r.type.replace(/_/g, ' ') },
      role: r.type === 'processor' || r.type === 'sub_processor' ? 'processor' : r.type === 'joint_controller' ? 'joint-controller' : r.type === 'public_authority' ? 'public-authority' : r.type === 'internal' ? 'internal' : 'controller',
      ...(r.country ? { country: country(r.country) } : {}),
    })),
    transfers: activity.transfers.map((t) => {
      const mechanism = mechanismLabel(t.jurisdiction, t.mechanism);
      return {
        jurisdiction: jurisdictionLabel(t.jurisdiction),
        recipient: t.recipient ?? 'Not named',
        country: country(t.destination),
        mechanism: mechanism.label,
        ...(mechanism.citation ? { legalReference: mechanism.citation } : {}),
        ...(t.note ? { safeguardsDocumented: t.note } : {}),
      };
    }),
    retention: activity.retention
      ? [{ period: activity.retention.period ? describeDuration(activity.retention.period) : (activity.retention.description ?? ''), trigger: activity.retention.trigger, ...(activity.retention.obligation ? { basis: activity.retention.obligation } : {}) }]
      : [],
    securityMeasures: systemMeasures(state, activity.systems),
    systems: systems.map((s) => ({ id: s.id, name: s.name })),
    dpia: { state: dpiaState(activity.dpia.status), ...(activity.dpia.reference ? { reference: activity.dpia.reference } : {}), ...(activity.dpia.completedAt ? { date: activity.dpia.completedAt } : {}) },
  };
}

function dpiaState(status: Activity['dpia']['status']): NonNullable<ActivityReport['dpia']>['state'] {
  switch (status) {
    case 'completed':
      return 'completed';
    case 'not_required':
      return 'not-required';
    case 'in_progress':
      return 'in-progress';
    case 'required':
    case 'needs_review':
      return 'required';
    default:
      return 'unknown';
  }
}

function controllersServed(state: MapState, taxonomy: Taxonomy): ControllerServed[] {
  const byController = new Map<string, Activity[]>();
  for (const a of state.activities.filter((x) => x.role === 'processor')) {
    const name = a.controller?.name ?? 'Controller not recorded';
    byController.set(name, [...(byController.get(name) ?? []), a]);
  }
  return [...byController.entries()].map(([name, activities]) => ({
    controller: { name, ...(activities[0]!.controller?.contact ? { email: activities[0]!.controller.contact } : {}) },
    processing: activities.map((a) => {
      const report = activityReport(a, state, taxonomy);
      return {
        id: report.id,
        name: report.name,
        ...(report.description ? { description: report.description } : {}),
        dataSubjects: report.dataSubjects,
        dataCategories: report.dataCategories,
        subProcessors: report.recipients.filter((r) => r.role === 'processor'),
        transfers: report.transfers,
        securityMeasures: report.securityMeasures,
        systems: report.systems,
      };
    }),
  }));
}

export function buildReportModel(state: MapState, options: { jurisdiction?: string; now?: Date } = {}): ReportModel {
  const taxonomy = createTaxonomy(state.taxonomy.map((t) => ({ ...t, isDefault: false })));
  const org = state.organisation;
  const systems: SystemReport[] = state.systems.map((s) => {
    const level = highestLevel(state.fields.filter((f) => f.systemId === s.id).map((f) => f.level));
    return {
      id: s.id,
      name: s.name,
      kind: s.kind,
      ...(s.owner ? { owner: s.owner } : {}),
      hosting: { ...(s.hostingCountry ? { country: country(s.hostingCountry) } : {}), ...(s.hostingRegion ? { region: s.hostingRegion } : {}) },
      ...(level ? { level } : {}),
      activities: state.activities.filter((a) => a.systems.includes(s.name)).map((a) => a.name),
    };
  });
  const hosting = new Map(state.systems.map((s) => [s.id, s]));
  const inventory: InventoryRow[] = state.fields
    .filter((f) => f.category)
    .map((f) => {
      const system = hosting.get(f.systemId);
      const identity = identityOf(f);
      return {
        systemId: f.systemId,
        system: f.system,
        ...(f.schema ? { dataset: f.schema } : {}),
        table: f.table,
        field: f.column,
        category: labelled(taxonomy, f.category!),
        ...(f.level ? { level: f.level } : {}),
        provenance: f.provenance,
        confidence: f.confidence,
        ...(identity ? { identityKind: { key: identity, name: identity.replace(/_/g, ' ') } } : {}),
        ...(system?.hostingCountry ? { hostingCountry: country(system.hostingCountry) } : {}),
        ...(system?.hostingRegion ? { hostingRegion: system.hostingRegion } : {}),
      };
    });
  const served = controllersServed(state, taxonomy);
  return {
    organisation: {
      name: org?.name ?? 'Organisation not yet named (custos map organisation)',
      ...(org?.address ? { address: org.address } : {}),
      ...(org?.contact ? { contact: org.contact } : {}),
      ...(org?.dpo ? { dpo: { name: org.dpo.name, email: org.dpo.email ?? '' } } : {}),
      ...(org?.representative ? { representative: { name: org.representative.name, ...(org.representative.contact ? { email: org.representative.contact } : {}) } } : {}),
      role: org?.role ?? 'controller',
      securityMeasures: systemMeasures(state, []),
    },
    generatedAt: options.now ?? new Date(),
    ...(options.jurisdiction ? { jurisdiction: options.jurisdiction } : {}),
    activities: state.activities.filter((a) => a.role !== 'processor').map((a) => activityReport(a, state, taxonomy)),
    systems,
    inventory,
    ...(served.length ? { controllersServed: served } : {}),
  };
}

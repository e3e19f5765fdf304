import { hazardousSites, type StackDistance, stacksNearBuildings, stacksOnPassages } from '../../../db/queries/analysis/stacks';
import { stringListParam } from '../../rules/rulebook';
import type { Rule } from '../../rules/types';
import { finding, parseGeometry, ruleFields } from '../finding';
import { summarize } from '../summary';
import type { Finding } from '../types';
import type { AnalysisContext, AnalysisOutcome } from './context';
import { entryFor } from './lookup';

/** A stack-distance rule as the query takes it: the stack size and building grade it is for. */
const stackDistance = (rule: Rule): StackDistance => ({
  size: String(rule.params.size),
  grade: String(rule.params.grade),
  thresholdM: rule.threshold,
  ruleId: rule.rule_id,
});

/**
 * 柴草堆垛 and 危险源: straw stacks too close to buildings (distance by stack size and building grade) or lying
 * on a passage; hazardous production units (distilleries, packaging) too close to homes, schools, clinics.
 */
export async function runStacks({ db, book, options }: AnalysisContext): Promise<AnalysisOutcome> {
  const distances = book.stackDistances();
  const byId = new Map(distances.map((r) => [r.rule_id, r]));
  const onPassage = book.one('stack_on_passage');
  const hazardous = book.one('hazardous_site_distance');
  const [near, onLanes, sites] = [
    await stacksNearBuildings(db, distances.map(stackDistance), options.villages),
    await stacksOnPassages(db, onPassage.threshold, options.villages),
    await hazardousSites(
      db,
      hazardous.threshold,
      stringListParam(hazardous, 'unit_kinds', ['distillery', 'packaging']),
      stringListParam(hazardous, 'protected', ['home', 'school', 'clinic']),
      options.villages,
    ),
  ];
  const features: Finding[] = [
    ...near.map((row) =>
      finding('stacks', 'stack_near_building', ruleFields(entryFor(byId, row.rule_id, 'stack rule')), parseGeometry(row.geometry), {
        measured: row.measured,
        village_code: row.stack_village ?? row.building_village,
        stack_id: row.stack_id,
        stack_code: row.stack_code,
        stack_size: row.size,
        building_id: row.building_id,
        building_code: row.building_code,
        fire_grade: row.fire_grade,
      }),
    ),
    ...onLanes.map((row) =>
      // The effective threshold is the passage's half width plus the rule's clearance (0 by default).
      finding(
        'stacks',
        'stack_on_passage',
        ruleFields(onPassage, row.clear_width_m / 2 + onPassage.threshold),
        parseGeometry(row.geometry),
        {
          measured: row.measured,
          village_code: row.stack_village,
          stack_id: row.stack_id,
          stack_code: row.stack_code,
          passage_id: row.passage_id,
          passage_code: row.passage_code,
          clear_width_m: row.clear_width_m,
        },
      ),
    ),
    ...sites.map((row) =>
      finding('stacks', 'hazardous_site', ruleFields(hazardous), parseGeometry(row.geometry), {
        measured: row.measured,
        village_code: row.village_code,
        unit_id: row.unit_id,
        unit_code: row.unit_code,
        unit_name: row.unit_name,
        unit_kind: row.unit_kind,
        building_count: row.building_ids.length,
        building_ids: row.building_ids,
        building_codes: row.building_codes,
      }),
    ),
  ];
  return { features, summary: summarize(features) };
}

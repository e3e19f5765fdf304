import fs from 'node:fs';
import path from 'node:path';

/**
 * The report figures counted straight from the geodata files (a second method, independent of the database and
 * its queries): the same definitions as db/queries/stats, written as plain array filters.
 */
const read = (file: string) => JSON.parse(fs.readFileSync(path.resolve('geodata', file), 'utf8'));
const props = (file: string) => (read(file).features as { properties: Record<string, any> }[]).map((f) => f.properties);

export function geodataFigures() {
  const hazards = props('hazards.geojson');
  const passageVillage = new Map(props('passages.geojson').map((p) => [p.code, p.village_code as string | null]));
  const obstacles: Record<string, any>[] = props('obstacles.geojson').map((o) => ({
    ...o,
    village_code: passageVillage.get(o.passage_code) ?? null,
  }));
  const units = props('units.geojson');
  const unitVillage = new Map(units.map((u) => [u.code, u.village_code as string]));
  const drills: Record<string, any>[] = (read('drills.json') as Record<string, any>[]).map((d) => ({
    ...d,
    village_code: unitVillage.get(d.unit_code),
  }));
  const trainings = read('trainings.json') as Record<string, any>[];
  const incidents = props('incidents.geojson');

  const inScope = (village: string | null) => (row: { village_code?: string | null }) => village === null || row.village_code === village;
  const between = (date: string | null | undefined, from: string, to: string) => !!date && date >= from && date <= to;
  const openOn = (h: Record<string, any>, day: string) => h.found_on <= day && (h.closed_on === null || h.closed_on > day);

  /** Figures of a period, its end taken as `to` (callers pass periods that end by today). */
  function period(village: string | null, from: string, to: string) {
    const h = hazards.filter(inScope(village));
    const o = obstacles.filter(inScope(village));
    const d = drills.filter(inScope(village)).filter((x) => between(x.held_on, from, to));
    const f = incidents.filter(inScope(village)).filter((x) => between(x.occurred_on, from, to));
    return {
      hazardsFound: h.filter((x) => between(x.found_on, from, to)).length,
      majorFound: h.filter((x) => x.severity === 'major' && between(x.found_on, from, to)).length,
      hazardsRectified: h.filter((x) => between(x.closed_on, from, to)).length,
      openAtEnd: h.filter((x) => openOn(x, to)).length,
      openMajorAtEnd: h.filter((x) => x.severity === 'major' && openOn(x, to)).length,
      overdueAtEnd: h.filter((x) => openOn(x, to) && x.deadline < to).length,
      obstaclesFound: o.filter((x) => between(x.found_on, from, to)).length,
      obstaclesCleared: o.filter((x) => between(x.cleared_on, from, to)).length,
      obstaclesOpenAtEnd: o.filter((x) => x.found_on <= to && (x.cleared_on === null || x.cleared_on > to)).length,
      passageFixes: 0,
      drills: d.length,
      drillParticipants: d.reduce((s, x) => s + x.participants, 0),
      trainings: trainings.filter(inScope(village)).filter((x) => between(x.trained_on, from, to)).length,
      incidents: f.length,
      deaths: f.reduce((s, x) => s + x.deaths, 0),
      injuries: f.reduce((s, x) => s + x.injuries, 0),
      lossYuan: f.reduce((s, x) => s + x.loss_yuan, 0),
    };
  }

  /** Units of the kinds (all when empty) with ≥ 1 training by the day. */
  function trained(kinds: string[], day: string) {
    const group = units.filter((u) => kinds.length === 0 || kinds.includes(u.kind));
    const met = group.filter((u) => trainings.some((t) => t.unit_code === u.code && t.trained_on <= day));
    return { units: group.length, unitsMet: met.length };
  }

  /** Drill-target units (key units, distilleries, packaging) with ≥ 3 drills in the year up to the day. */
  function drilled(year: number, day: string) {
    const count = (code: string) => drills.filter((d) => d.unit_code === code && between(d.held_on, `${year}-01-01`, day)).length;
    const group = units.filter((u) => ['key_unit', 'distillery', 'packaging'].includes(u.kind));
    return { targetUnits: group.length, targetUnitsMet: group.filter((u) => count(u.code) >= 3).length };
  }

  function obstaclesBy(day: string) {
    return {
      found: obstacles.filter((o) => o.found_on <= day).length,
      cleared: obstacles.filter((o) => o.cleared_on && o.cleared_on <= day).length,
    };
  }

  return { period, trained, drilled, obstaclesBy, villages: props('villages.geojson').map((v) => v.code as string), incidents };
}

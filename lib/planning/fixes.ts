import { z } from 'zod';
import { jsonDate } from '../api/dates';
import { jsonVersion } from '../api/ids';
import { FIX_STATUSES, type FixStatus, PASSAGE_CLASSES } from '../domain/enums';
import { geometrySchemas } from '../geo/geojson-schema';
import { say } from '../i18n/say';

/**
 * Passage fixes a planner marks (打通消防车通道): what each kind changes, the statuses a fix moves through
 * (计划 → 实施中 → 已完成 → 已验收, forward only) and the zod schemas every boundary validates with.
 */

/** Widest clear width a planner may ask for: beyond it the number is a typo, not a road. */
export const MAX_WIDTH_M = 30;

/** Status steps go forward only, one or more steps at a time (a fix may be recorded done straight from plan). */
export function isForwardStep(from: FixStatus, to: FixStatus): boolean {
  return FIX_STATUSES.indexOf(to) > FIX_STATUSES.indexOf(from);
}

/** Done or accepted: the work is finished (and has a completion date). */
export function isCompleted(status: FixStatus): boolean {
  return FIX_STATUSES.indexOf(status) >= FIX_STATUSES.indexOf('done');
}

/** A fix's data changes happen when it reaches done (and stay when it is accepted). */
export function completes(from: FixStatus, to: FixStatus): boolean {
  return !isCompleted(from) && isCompleted(to);
}

const lonLat = z.tuple([z.number().gte(-180).lte(180), z.number().gte(-90).lte(90)]);
const width = z.number().positive().max(MAX_WIDTH_M);

/** A drawn new link: the one LineString schema, at most 500 positions. */
export const lineStringSchema = geometrySchemas.LineString.extend({
  coordinates: geometrySchemas.LineString.shape.coordinates.max(500),
});

/** One fix as a planner describes it (a what-if fix, or the content of a saved one). */
export const fixSpecSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('clear_obstacle'), obstacle_id: z.number().int().positive() }),
  z.object({ kind: z.literal('widen'), passage_id: z.number().int().positive(), width_m: width }),
  z.object({
    kind: z.literal('new_link'),
    geometry: lineStringSchema,
    width_m: width,
    class: z.enum(PASSAGE_CLASSES).default('lane'),
  }),
  z
    .object({
      kind: z.literal('turnaround'),
      passage_id: z.number().int().positive().optional(),
      point: lonLat.optional(),
    })
    .refine((fix) => fix.passage_id !== undefined || fix.point !== undefined, {
      error: () =>
        say(
          '回车场需要给出 passage_id 或 point（设置回车场的尽头位置）',
          'a turnaround needs passage_id or point (the dead end where it goes)',
        ),
    }),
]);
export type FixSpec = z.infer<typeof fixSpecSchema>;

/** What a planner fills in for a saved fix besides the fix itself. */
export const fixDetailsSchema = z.object({
  responsible: z.string().trim().max(100).default(''),
  deadline: jsonDate('deadline').nullable().optional(),
  note: z.string().max(2000).default(''),
});

export const createFixSchema = z.object({ fix: fixSpecSchema }).extend(fixDetailsSchema.shape).extend({
  scenario_id: z.number().int().positive().nullable().optional(),
});
export type CreateFixInput = z.infer<typeof createFixSchema>;

export const updateFixSchema = z.object({
  version: jsonVersion(),
  status: z.enum(FIX_STATUSES).optional(),
  responsible: z.string().trim().max(100).optional(),
  deadline: jsonDate('deadline').nullable().optional(),
  note: z.string().max(2000).optional(),
});
export type UpdateFixInput = z.infer<typeof updateFixSchema>;

/** A candidate site for a new water tank or micro station. */
export const siteSchema = z.object({
  kind: z.enum(['water', 'station']),
  lon: z.number().gte(-180).lte(180),
  lat: z.number().gte(-90).lte(90),
  /** Micro station vehicle speed (km/h); default SUGGESTION_STATION_SPEED_KMH. */
  speed_kmh: z.number().positive().max(120).optional(),
});
export type Site = z.infer<typeof siteSchema>;

/** A micro station's motorbike speed when none is given (the demo town's micro stations run 16–23 km/h). */
export const SUGGESTION_STATION_SPEED_KMH = 20;

export const evaluateSchema = z.object({
  fixes: z.array(fixSpecSchema).max(50).default([]),
  sites: z.array(siteSchema).max(20).default([]),
  target_min: z.number().positive().max(240).optional(),
  month: z.number().int().min(1).max(12).optional(),
});
export type EvaluateInput = z.infer<typeof evaluateSchema>;

export const createScenarioSchema = evaluateSchema.extend({ name: z.string().trim().min(1).max(200) });

/** The campaign's dated passage milestones (DOMAIN.md): which one an obstacle or segment falls under. */
export const MILESTONES = [
  { id: '2024', due: '2024-12-31', scope: 'fixed_obstacles' },
  { id: '2025', due: '2025-12-31', scope: 'crowded_places' },
  { id: '2026', due: '2026-12-31', scope: 'overall' },
] as const;
export type MilestoneId = (typeof MILESTONES)[number]['id'];

import type { GraphEdge } from './graph';

/** What a fire truck needs from a passage (from the rule table: clear width and height). */
export interface TruckLimits {
  minWidthM: number;
  minHeightM: number;
}

export type ImpassableReason = 'obstacle' | 'narrow' | 'low';

/** Why a truck cannot use this passage; empty when it can. Open obstacles block; null height is unlimited. */
export function impassableReasons(edge: GraphEdge, limits: TruckLimits): ImpassableReason[] {
  const reasons: ImpassableReason[] = [];
  if (edge.openObstacles > 0) reasons.push('obstacle');
  if (edge.widthM < limits.minWidthM) reasons.push('narrow');
  if (edge.heightM !== null && edge.heightM < limits.minHeightM) reasons.push('low');
  return reasons;
}

export function truckPassable(edge: GraphEdge, limits: TruckLimits): boolean {
  return impassableReasons(edge, limits).length === 0;
}

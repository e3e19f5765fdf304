import { type Attachment, distanceToAttachment } from '../network/attachments';
import type { Graph } from '../network/graph';

/** A building with the passages within the access (hose) radius of its footprint. */
export interface BuildingAccess {
  id: number;
  villageCode: string;
  attachments: Attachment[];
}

/**
 * Shortest network distance from the sources behind `nodeDistance` (and `sourcesOnEdge`, for a source on
 * the same passage) to the building: over the attachments on edges `usable` accepts, plus the straight leg
 * from the passage to the footprint when `withLeg`. Infinity when no usable attachment is reached.
 */
export function distanceToBuilding(
  graph: Graph,
  nodeDistance: Float64Array,
  building: BuildingAccess,
  usable: (edge: number) => boolean,
  withLeg: boolean,
  sourcesOnEdge: ReadonlyMap<number, readonly Attachment[]> = new Map(),
): number {
  let best = Infinity;
  for (const attachment of building.attachments) {
    if (!usable(attachment.edge)) continue;
    const along = distanceToAttachment(graph, nodeDistance, attachment, sourcesOnEdge.get(attachment.edge));
    const distance = along + (withLeg ? attachment.legM : 0);
    if (distance < best) best = distance;
  }
  return best;
}

import type { LonLat } from '../types';
import { PluginBase } from './plugin-base';
import type { MapClick, MapPluginContext } from './types';

/** A point picked on the map, and the building drawn under it (when asked for). */
export interface PointPick {
  lonLat: LonLat;
  building: { id: number; geometry: GeoJSON.Geometry } | null;
}

interface Picking {
  onPick(pick: PointPick): void;
  once: boolean;
  building: boolean;
}

/**
 * Turns clicks into points (place a new hazard, a "near" filter's centre, a candidate site): while it picks,
 * it takes every click from the map's feature pick and shows a crosshair.
 */
export class PointPickPlugin extends PluginBase {
  private picking: Picking | null = null;

  protected setUp(context: MapPluginContext): void {
    context.onClick((click) => this.handle(context, click));
    if (this.picking) context.setCursor('crosshair');
  }

  /** Picks points until `stop` (or only the next one, `once`); `building` also reports the building clicked on. */
  start(onPick: (pick: PointPick) => void, { once = false, building = false } = {}): void {
    this.picking = { onPick, once, building };
    this.context?.setCursor('crosshair');
  }

  stop(): void {
    this.picking = null;
    this.context?.setCursor(null);
  }

  get active(): boolean {
    return this.picking !== null;
  }

  private handle(context: MapPluginContext, click: MapClick): boolean | undefined {
    const picking = this.picking;
    if (!picking) return undefined;
    if (picking.once) this.stop();
    picking.onPick({ lonLat: click.lonLat, building: picking.building ? buildingAt(context, click) : null });
    return true;
  }
}

/** The building drawn at a click: the buildings tiles' feature id is the building's id. */
function buildingAt(context: MapPluginContext, click: MapClick): PointPick['building'] {
  const [feature] = context.featuresAt(click.point, 'buildings');
  if (!feature) return null;
  const id = Number(feature.id ?? feature.properties.id);
  return Number.isSafeInteger(id) ? { id, geometry: feature.geometry } : null;
}

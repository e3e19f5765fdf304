import type { MapController } from '@/lib/map/map-controller';
import { DrawPlugin } from '@/lib/map/plugins/draw.plugin';
import { HazardOverlayPlugin } from '@/lib/map/plugins/hazard-overlay.plugin';
import { PointPickPlugin } from '@/lib/map/plugins/point-pick.plugin';

/** What a click on the hazards map means: select a hazard, draw an area, pick a "near" point, place a new hazard. */
export type MapMode = 'browse' | 'draw-polygon' | 'draw-rectangle' | 'near' | 'place';

export interface HazardMapEvents {
  /** A click in the place / near modes; in the place mode with the building under it, if any. */
  onPointClick(lon: number, lat: number, buildingId: number | null): void;
  onAreaDrawn(geometry: GeoJSON.Polygon): void;
  /** The mode the map is in now (drawing modes once terra-draw takes the first click). */
  onModeShown(mode: MapMode): void;
}

/**
 * The hazards page's intents on the shared map controller: its hazards layer (by status), the overlay (area,
 * selection, linked feature, placing marker) and the tools (terra-draw areas, point picks). React only calls
 * these methods; the controller and its plugins do the drawing.
 */
export class HazardMap {
  private readonly overlay = new HazardOverlayPlugin();
  private readonly picker = new PointPickPlugin();
  private readonly drawer = new DrawPlugin();
  private mode: MapMode = 'browse';
  private hazards: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };
  private selected: number | null = null;

  constructor(
    private readonly controller: MapController,
    private readonly events: HazardMapEvents,
  ) {
    for (const plugin of [this.overlay, this.picker, this.drawer]) controller.use(plugin);
  }

  /** The hazards of the current filter (their points), coloured by status. */
  async setHazards(collection: GeoJSON.FeatureCollection): Promise<void> {
    this.hazards = collection;
    await Promise.all([this.controller.setLayerData('hazards-by-status', collection), this.showSelected()]);
  }

  async setSelected(id: number | null): Promise<void> {
    this.selected = id;
    await this.showSelected();
  }

  private showSelected(): Promise<void> {
    const feature = this.hazards.features.find((f) => f.properties?.id === this.selected);
    return this.overlay.setSelected(feature?.geometry.type === 'Point' ? (feature.geometry.coordinates as [number, number]) : null);
  }

  /** The selected hazard's linked building, unit or passage (null clears it). */
  setLinked(geometry: GeoJSON.Geometry | null): Promise<void> {
    return this.overlay.setLinked(geometry);
  }

  /** The area filter drawn on the map (a polygon, or the circle of a near filter); null clears it. */
  setArea(geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon | null): Promise<void> {
    return this.overlay.setArea(geometry);
  }

  /** Where a new hazard will be placed (null clears the marker). */
  setPlacing(point: [number, number] | null): Promise<void> {
    return this.overlay.setPlacing(point);
  }

  /** Flies to a hazard, never zooming out from where the user is. */
  flyTo(center: [number, number], zoom = 16.5): void {
    this.controller.flyTo(center, zoom, { closerOnly: true });
  }

  fitBounds(bounds: [number, number, number, number]): void {
    this.controller.fitBbox(bounds, { padding: 70, maxZoom: 17 });
  }

  /** Switches what a click on the map means; drawing modes hand the clicks to terra-draw until finished. */
  async setMode(mode: MapMode): Promise<void> {
    if (mode === this.mode) return;
    this.mode = mode;
    this.picker.stop();
    this.drawer.cancel();
    if (mode === 'draw-polygon' || mode === 'draw-rectangle') {
      await this.drawer.start(mode === 'draw-polygon' ? 'polygon' : 'rectangle', (geometry) => {
        if (geometry.type === 'Polygon') this.events.onAreaDrawn(geometry);
      });
    } else if (mode === 'near') {
      this.picker.start(({ lonLat }) => this.events.onPointClick(lonLat[0], lonLat[1], null));
    } else if (mode === 'place') {
      // A click on a building links the hazard to it; the map shows that building while placing.
      this.picker.start(
        ({ lonLat, building }) => {
          void this.setLinked(building?.geometry ?? null);
          this.events.onPointClick(lonLat[0], lonLat[1], building?.id ?? null);
        },
        { building: true },
      );
    }
    if (this.mode === mode) this.events.onModeShown(mode);
  }
}

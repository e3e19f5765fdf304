import type { TerraDraw } from 'terra-draw';
import { PluginBase } from './plugin-base';
import type { MapPluginContext } from './types';

export type DrawShape = 'polygon' | 'rectangle' | 'linestring';
export type Drawn = GeoJSON.Polygon | GeoJSON.LineString;

const BLUE = '#1565c0';

/**
 * terra-draw on the controller's map: `start(shape, onDrawn)` lets the user draw one polygon, rectangle or
 * line. While drawing it takes the map's clicks. terra-draw is loaded on first use only.
 */
export class DrawPlugin extends PluginBase {
  private terraDraw: Promise<TerraDraw> | null = null;
  private instance: TerraDraw | null = null;
  private pending: { shape: DrawShape; resolve(geometry: Drawn | null): void } | null = null;

  protected setUp(context: MapPluginContext): void {
    context.onClick(() => (this.pending ? true : undefined));
    // Load terra-draw now, so the first drawing starts at once.
    void this.ensureDraw(context);
  }

  protected tearDown(): void {
    this.pending = null;
    this.instance?.stop();
    this.instance = null;
    this.terraDraw = null;
  }

  /**
   * Lets the user draw one shape (a polygon or line is finished by clicking its last point again); resolves
   * once terra-draw is ready for the first click. `onDrawn` gets the shape when finished.
   */
  async start(shape: DrawShape, onDrawn: (geometry: Drawn) => void): Promise<void> {
    this.finish(null);
    const pending = { shape, resolve: (geometry: Drawn | null) => geometry && onDrawn(geometry) };
    this.pending = pending;
    const context = await this.attached;
    const draw = await this.ensureDraw(context);
    if (this.pending !== pending || this.instance !== draw) return;
    draw.clear();
    draw.setMode(shape);
    context.setCursor('crosshair');
  }

  /** Stops drawing (nothing is reported). */
  cancel(): void {
    this.finish(null);
  }

  get drawing(): boolean {
    return this.pending !== null;
  }

  private finish(geometry: Drawn | null): void {
    const pending = this.pending;
    this.pending = null;
    this.context?.setCursor(null);
    if (this.instance?.enabled) {
      this.instance.clear();
      this.instance.setMode('static');
    }
    pending?.resolve(geometry);
  }

  private ensureDraw(context: MapPluginContext): Promise<TerraDraw> {
    this.terraDraw ??= (async () => {
      const [{ TerraDraw, TerraDrawLineStringMode, TerraDrawPolygonMode, TerraDrawRectangleMode }, adapter] = await Promise.all([
        import('terra-draw'),
        context.drawAdapter(),
      ]);
      const area = { fillColor: BLUE, fillOpacity: 0.12, outlineColor: BLUE, outlineWidth: 2 } as const;
      const draw = new TerraDraw({
        adapter,
        modes: [
          new TerraDrawPolygonMode({ styles: { ...area, closingPointColor: BLUE, closingPointWidth: 5 } }),
          new TerraDrawRectangleMode({ styles: area }),
          new TerraDrawLineStringMode({
            styles: { lineStringColor: BLUE, lineStringWidth: 4, closingPointColor: BLUE, closingPointWidth: 6 },
          }),
        ],
      });
      // Disposed while terra-draw was loading: nothing to start on.
      if (!this.context) return draw;
      draw.start();
      this.instance = draw;
      draw.on('finish', (id) => {
        const feature = draw.getSnapshotFeature(id);
        const geometry = feature?.geometry;
        const wanted = this.pending?.shape === 'linestring' ? 'LineString' : 'Polygon';
        if (geometry?.type !== wanted) return;
        // The page draws the result its own way; terra-draw's copy is dropped after this event.
        setTimeout(() => this.finish({ type: wanted, coordinates: geometry.coordinates } as Drawn), 0);
      });
      return draw;
    })();
    return this.terraDraw;
  }
}

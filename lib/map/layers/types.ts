import type { LayerSpecification } from 'maplibre-gl';
import type { MessageKey } from '../../i18n';
import type { LayerName } from '../layer-names';

/** How buildings are coloured: by use, by fire-resistance grade, or one quiet colour (under other data). */
export type BuildingColorMode = 'use' | 'fire_grade' | 'plain';

export interface StyleOptions {
  buildingColorMode: BuildingColorMode;
}

/** One row of a layer's legend: a swatch and its label (a message, or an enumerated code's label). */
export interface LegendEntry {
  shape: 'fill' | 'line' | 'circle';
  color: string;
  outline?: string;
  /** A dashed line (new links, planned fixes). */
  dashed?: boolean;
  label: { message: MessageKey } | { enumGroup: string; code: string };
}

/** How a property is shown on the detail card. */
export type FieldFormat = 'text' | 'number' | 'bool' | 'date' | 'months' | { enumGroup: string };

export interface DetailField {
  property: string;
  format: FieldFormat;
}

/** A maplibre style layer without its source: the controller binds it to the layer's source. */
export type StyleLayer = Omit<LayerSpecification, 'source'> & { id: string };

/**
 * A map layer as data: where its features come from, how they are drawn, its legend and its detail card.
 * The map controller is the only code that turns these into maplibre/deck.gl calls.
 */
export interface MapLayerDefinition {
  id: LayerName;
  title: MessageKey;
  source: 'geojson' | 'tiles';
  defaultVisible: boolean;
  styleLayers(options: StyleOptions): StyleLayer[];
  legend(options: StyleOptions): LegendEntry[];
  /** Property that names a feature on its card (falls back to code). */
  nameProperty: string;
  detailFields: DetailField[];
  /** Text labels drawn by deck.gl (Chinese glyphs rendered in the browser, no glyph server needed). */
  label?: { property: string; minZoom: number; size: number; color: [number, number, number] };
}

/**
 * A layer whose features a page supplies (`MapController.setLayerData`), not loaded from the API: e.g. the
 * hazards of the current list, coloured by status. It has a legend, but no card or label of its own.
 */
export interface PageLayerDefinition<Id extends string = string> {
  id: Id;
  styleLayers(): StyleLayer[];
  legend(): LegendEntry[];
}

import type { LayerName } from '../layer-names';
import { buildingsLayer } from './buildings.layer';
import { hazardsLayer } from './hazards.layer';
import { hazardsByStatusLayer } from './hazards-by-status.layer';
import { incidentsLayer } from './incidents.layer';
import { obstaclesLayer } from './obstacles.layer';
import { passagesLayer } from './passages.layer';
import { stationsLayer } from './stations.layer';
import { strawStacksLayer } from './straw-stacks.layer';
import type { MapLayerDefinition } from './types';
import { unitsLayer } from './units.layer';
import { villagesLayer } from './villages.layer';
import { waterSourcesLayer } from './water-sources.layer';

/** Every map layer, bottom to top: the one registry the controller and the layer panel read. */
export const MAP_LAYERS: MapLayerDefinition[] = [
  villagesLayer,
  strawStacksLayer,
  buildingsLayer,
  passagesLayer,
  obstaclesLayer,
  waterSourcesLayer,
  unitsLayer,
  incidentsLayer,
  stationsLayer,
  hazardsLayer,
];

export function layerDefinition(id: LayerName): MapLayerDefinition {
  const layer = MAP_LAYERS.find((candidate) => candidate.id === id);
  if (!layer) throw new Error(`no map layer "${id}" is registered`);
  return layer;
}

/** Layers whose data a page supplies; a page registers the ones it draws (`pageLayers`). */
export const PAGE_LAYERS = [hazardsByStatusLayer] as const;
export type PageLayerName = (typeof PAGE_LAYERS)[number]['id'];

export { HAZARD_OVERDUE_RING, HAZARD_STATUS_COLORS, hazardsByStatusLayer } from './hazards-by-status.layer';
export type { BuildingColorMode, LegendEntry, MapLayerDefinition, PageLayerDefinition, StyleLayer, StyleOptions } from './types';

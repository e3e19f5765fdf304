import type { LayerName } from '../layer-names';
import { buildingsLayer } from './buildings.layer';
import { hazardsLayer } from './hazards.layer';
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
  return MAP_LAYERS.find((layer) => layer.id === id)!;
}

export type { BuildingColorMode, MapLayerDefinition, StyleOptions } from './types';

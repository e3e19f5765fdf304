import fs from 'node:fs';
import path from 'node:path';

/**
 * Row counts the seed must produce, counted straight from the geodata files (a second method,
 * independent of the loader): features per GeoJSON file, records per JSON file, events per hazard.
 */
export function GEODATA_FEATURE_COUNTS(dir = path.resolve('geodata')): Record<string, number> {
  const read = (file: string) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  const features = (file: string) => read(file).features.length as number;
  const hazards = read('hazards.geojson').features as { properties: { events: unknown[] } }[];
  return {
    villages: features('villages.geojson'),
    buildings: features('buildings.geojson'),
    passages: features('passages.geojson'),
    obstacles: features('obstacles.geojson'),
    water_sources: features('water-sources.geojson'),
    stations: features('stations.geojson'),
    social_units: features('units.geojson'),
    straw_stacks: features('straw-stacks.geojson'),
    hazards: hazards.length,
    hazard_events: hazards.reduce((sum, hazard) => sum + hazard.properties.events.length, 0),
    fire_incidents: features('incidents.geojson'),
    drills: read('drills.json').length,
    trainings: read('trainings.json').length,
  };
}

/**
 * Rows as an RFC 7946 FeatureCollection: lon/lat (EPSG:4326, no `crs` member), one Feature per row.
 * A row without a position gets a null geometry (allowed by RFC 7946 §3.2).
 */
export interface FeatureOf<Row> {
  id?(row: Row): string | number;
  position(row: Row): readonly [number, number] | null;
  properties(row: Row): Record<string, unknown>;
}

export function toGeoJson<Row>(rows: readonly Row[], feature: FeatureOf<Row>): string {
  const features = rows.map((row) => {
    const position = feature.position(row);
    return {
      type: 'Feature' as const,
      ...(feature.id ? { id: feature.id(row) } : {}),
      geometry: position ? { type: 'Point' as const, coordinates: [position[0], position[1]] } : null,
      properties: feature.properties(row),
    };
  });
  return JSON.stringify({ type: 'FeatureCollection', features });
}

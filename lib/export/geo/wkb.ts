import type { Geometry, Position } from 'geojson';

const TYPE_CODES: Record<Geometry['type'], number> = {
  Point: 1,
  LineString: 2,
  Polygon: 3,
  MultiPoint: 4,
  MultiLineString: 5,
  MultiPolygon: 6,
  GeometryCollection: 7,
};

/** Little-endian 2D Well-Known Binary (ISO), as GeoPackage stores it. */
export function toWkb(geometry: Geometry): Uint8Array {
  const chunks: number[] = [];
  const bytes: Uint8Array[] = [];
  const flush = () => {
    if (chunks.length === 0) return;
    bytes.push(Uint8Array.from(chunks));
    chunks.length = 0;
  };
  const uint = (value: number) => {
    flush();
    const buffer = new Uint8Array(4);
    new DataView(buffer.buffer).setUint32(0, value, true);
    bytes.push(buffer);
  };
  const position = (p: Position) => {
    flush();
    const buffer = new Uint8Array(16);
    const view = new DataView(buffer.buffer);
    view.setFloat64(0, p[0] as number, true);
    view.setFloat64(8, p[1] as number, true);
    bytes.push(buffer);
  };
  const positions = (list: Position[]) => {
    uint(list.length);
    list.forEach(position);
  };
  const write = (g: Geometry) => {
    chunks.push(1);
    uint(TYPE_CODES[g.type]);
    switch (g.type) {
      case 'Point':
        return position(g.coordinates);
      case 'LineString':
        return positions(g.coordinates);
      case 'Polygon':
        uint(g.coordinates.length);
        return g.coordinates.forEach(positions);
      case 'MultiPoint':
        uint(g.coordinates.length);
        return g.coordinates.forEach((coordinates) => write({ type: 'Point', coordinates }));
      case 'MultiLineString':
        uint(g.coordinates.length);
        return g.coordinates.forEach((coordinates) => write({ type: 'LineString', coordinates }));
      case 'MultiPolygon':
        uint(g.coordinates.length);
        return g.coordinates.forEach((coordinates) => write({ type: 'Polygon', coordinates }));
      case 'GeometryCollection':
        uint(g.geometries.length);
        return g.geometries.forEach(write);
    }
  };
  write(geometry);
  flush();
  const out = new Uint8Array(bytes.reduce((sum, chunk) => sum + chunk.length, 0));
  let offset = 0;
  for (const chunk of bytes) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/** Every position of a geometry, for envelopes and bounding boxes. */
export function positionsOf(geometry: Geometry): Position[] {
  switch (geometry.type) {
    case 'Point':
      return [geometry.coordinates];
    case 'LineString':
    case 'MultiPoint':
      return geometry.coordinates;
    case 'Polygon':
    case 'MultiLineString':
      return geometry.coordinates.flat();
    case 'MultiPolygon':
      return geometry.coordinates.flat(2);
    case 'GeometryCollection':
      return geometry.geometries.flatMap(positionsOf);
  }
}

/** [minX, minY, maxX, maxY] of geometries; null when there is none. */
export function extentOf(geometries: Iterable<Geometry>): [number, number, number, number] | null {
  let extent: [number, number, number, number] | null = null;
  for (const geometry of geometries)
    for (const [x, y] of positionsOf(geometry) as [number, number][]) {
      if (!extent) extent = [x, y, x, y];
      else extent = [Math.min(extent[0], x), Math.min(extent[1], y), Math.max(extent[2], x), Math.max(extent[3], y)];
    }
  return extent;
}

import type { Geometry, Position } from 'geojson';

/**
 * A geometry from Well-Known Binary (ISO, as GeoPackage stores it; EWKB flags read too): Point, LineString,
 * Polygon, their Multi* forms and collections. Z and M values are dropped: base layers are 2D.
 * Throws on bytes that end early or an unknown type.
 */
export function readWkb(bytes: Uint8Array): Geometry {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 0;
  const geometry = (): Geometry => {
    const little = view.getUint8(offset) === 1;
    offset += 1;
    const rawType = view.getUint32(offset, little);
    offset += 4;
    const ewkbZ = (rawType & 0x80000000) !== 0;
    const ewkbM = (rawType & 0x40000000) !== 0;
    if (rawType & 0x20000000) offset += 4; // EWKB SRID
    const isoType = rawType & 0x0fffffff;
    const type = isoType % 1000;
    const isoDimensions = Math.floor(isoType / 1000);
    const extra = (isoDimensions === 1 || isoDimensions === 2 ? 1 : isoDimensions === 3 ? 2 : 0) + (ewkbZ ? 1 : 0) + (ewkbM ? 1 : 0);
    const uint = () => {
      const value = view.getUint32(offset, little);
      offset += 4;
      return value;
    };
    const position = (): Position => {
      const x = view.getFloat64(offset, little);
      const y = view.getFloat64(offset + 8, little);
      offset += 16 + 8 * extra;
      return [x, y];
    };
    const positions = () => Array.from({ length: uint() }, position);
    const rings = () => Array.from({ length: uint() }, positions);
    const parts = <T extends Geometry>(expected: T['type']) =>
      Array.from({ length: uint() }, () => {
        const part = geometry();
        if (part.type !== expected) throw new Error(`a ${part.type} inside a multi-${expected}`);
        return part as T;
      });
    switch (type) {
      case 1:
        return { type: 'Point', coordinates: position() };
      case 2:
        return { type: 'LineString', coordinates: positions() };
      case 3:
        return { type: 'Polygon', coordinates: rings() };
      case 4:
        return { type: 'MultiPoint', coordinates: parts<{ type: 'Point'; coordinates: Position }>('Point').map((p) => p.coordinates) };
      case 5:
        return {
          type: 'MultiLineString',
          coordinates: parts<{ type: 'LineString'; coordinates: Position[] }>('LineString').map((p) => p.coordinates),
        };
      case 6:
        return {
          type: 'MultiPolygon',
          coordinates: parts<{ type: 'Polygon'; coordinates: Position[][] }>('Polygon').map((p) => p.coordinates),
        };
      case 7:
        return { type: 'GeometryCollection', geometries: Array.from({ length: uint() }, geometry) };
      default:
        throw new Error(`unsupported WKB geometry type ${rawType}`);
    }
  };
  return geometry();
}

/** The WKB inside a GeoPackage geometry blob ("GP", version, flags, srs_id, envelope), or null for an empty one. */
export function gpkgGeometryWkb(blob: Uint8Array): Uint8Array | null {
  if (blob.byteLength < 8 || blob[0] !== 0x47 || blob[1] !== 0x50) throw new Error('not a GeoPackage geometry');
  const flags = blob[3] as number;
  const envelopeBytes = [0, 32, 48, 48, 64][(flags >> 1) & 0x07];
  if (envelopeBytes === undefined) throw new Error('bad GeoPackage envelope flag');
  if (flags & 0x10) return null;
  return blob.subarray(8 + envelopeBytes);
}

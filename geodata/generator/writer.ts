// Streaming writers: one feature (or record) per line, flushed in large chunks, so county-scale files
// never sit in memory as one string. Output is deterministic: fixed key order, no timestamps.

import fs from 'node:fs';
import path from 'node:path';
import type { Pt } from './geometry';
import { first } from './list';
import type { Projection } from './projection';

const FLUSH_AT = 1 << 20;

export interface WrittenFile {
  file: string;
  count: number;
  bytes: number;
}

class LineWriter {
  private readonly fd: number;
  private buffer = '';
  private bytes = 0;
  count = 0;

  constructor(
    readonly file: string,
    header: string,
    private readonly footer: string,
  ) {
    this.fd = fs.openSync(file, 'w');
    this.write(header);
  }

  protected write(text: string): void {
    this.buffer += text;
    if (this.buffer.length >= FLUSH_AT) this.flush();
  }

  private flush(): void {
    if (this.buffer.length === 0) return;
    const data = Buffer.from(this.buffer, 'utf8');
    fs.writeSync(this.fd, data);
    this.bytes += data.length;
    this.buffer = '';
  }

  addLine(json: string): void {
    this.write(this.count === 0 ? `\n${json}` : `,\n${json}`);
    this.count++;
  }

  close(): WrittenFile {
    this.write(this.footer);
    this.flush();
    fs.closeSync(this.fd);
    return { file: path.basename(this.file), count: this.count, bytes: this.bytes };
  }
}

export interface CollectionMetadata {
  seed: number;
}

export class FeatureWriter extends LineWriter {
  constructor(
    dir: string,
    name: string,
    private readonly projection: Projection,
    metadata: CollectionMetadata,
  ) {
    const meta = JSON.stringify({
      synthetic: true,
      label: '示例数据（合成数据，非实测）',
      description: 'Synthetic demo data for a fire-safety GIS of 刘胡兰镇, 文水县. Not survey data.',
      generator: 'geodata/generator (npm run geodata)',
      seed: metadata.seed,
    });
    super(path.join(dir, `${name}.geojson`), `{"type":"FeatureCollection","metadata":${meta},"features":[`, '\n]}\n');
  }

  private lonLat(p: Pt): [number, number] {
    return this.projection.toLonLat(p[0], p[1]);
  }

  private closedRing(ring: readonly Pt[]): [number, number][] {
    const coordinates = ring.map((p) => this.lonLat(p));
    coordinates.push(first(coordinates));
    return coordinates;
  }

  point(properties: object, p: Pt): void {
    this.addLine(JSON.stringify({ type: 'Feature', properties, geometry: { type: 'Point', coordinates: this.lonLat(p) } }));
  }

  lineString(properties: object, points: readonly Pt[]): void {
    this.addLine(
      JSON.stringify({ type: 'Feature', properties, geometry: { type: 'LineString', coordinates: points.map((p) => this.lonLat(p)) } }),
    );
  }

  polygon(properties: object, ring: readonly Pt[]): void {
    this.addLine(JSON.stringify({ type: 'Feature', properties, geometry: { type: 'Polygon', coordinates: [this.closedRing(ring)] } }));
  }

  multiPolygon(properties: object, ring: readonly Pt[]): void {
    this.addLine(
      JSON.stringify({ type: 'Feature', properties, geometry: { type: 'MultiPolygon', coordinates: [[this.closedRing(ring)]] } }),
    );
  }
}

export class ArrayWriter extends LineWriter {
  constructor(dir: string, name: string) {
    super(path.join(dir, `${name}.json`), '[', '\n]\n');
  }

  record(value: object): void {
    this.addLine(JSON.stringify(value));
  }
}

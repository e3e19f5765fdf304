import type { ReportMapData } from '../../db/queries/stats';
import type { Doc } from './pdf-kit';

/**
 * The report's small map as vector paths: village outlines, passages (blocked in red), open hazards (major red,
 * general amber, overdue ringed). Lon/lat are projected equirectangularly at the village's latitude — plenty for a
 * village of a few km².
 */
export function drawVillageMap(doc: Doc, data: ReportMapData, box: { x: number; y: number; width: number; height: number }): void {
  const [west, south, east, north] = data.bbox;
  const k = Math.cos((((south + north) / 2) * Math.PI) / 180);
  const spanX = (east - west) * k;
  const spanY = north - south;
  const scale = Math.min((box.width - 12) / spanX, (box.height - 12) / spanY);
  const offsetX = box.x + (box.width - spanX * scale) / 2;
  const offsetY = box.y + (box.height - spanY * scale) / 2;
  const project = ([lon = west, lat = north]: number[]): [number, number] => [
    offsetX + (lon - west) * k * scale,
    offsetY + (north - lat) * scale,
  ];
  const path = (ring: number[][]) => {
    ring.forEach((position, i) => {
      const [px, py] = project(position);
      if (i === 0) doc.moveTo(px, py);
      else doc.lineTo(px, py);
    });
  };

  doc.save().rect(box.x, box.y, box.width, box.height).fill('#f6f3ea').restore();
  for (const outline of data.outlines) {
    doc.save();
    for (const polygon of outline.coordinates) for (const ring of polygon) path(ring);
    doc.fillOpacity(1).fillAndStroke('#e3ead8', '#6d7f5c').restore();
  }
  for (const blockedPass of [false, true]) {
    for (const passage of data.passages.filter((p) => p.blocked === blockedPass)) {
      doc.save();
      path(passage.line.coordinates);
      const width = passage.class === 'town_road' ? 1.6 : passage.class === 'village_road' ? 1.1 : 0.6;
      doc
        .lineWidth(blockedPass ? 1.8 : width)
        .strokeColor(blockedPass ? '#c62828' : '#8d99a6')
        .stroke()
        .restore();
    }
  }
  for (const hazard of data.hazards) {
    const [px, py] = project(hazard.point.coordinates);
    doc
      .save()
      .circle(px, py, 2.8)
      .lineWidth(hazard.overdue ? 1.2 : 0.5)
      .fillAndStroke(hazard.severity === 'major' ? '#d50000' : '#ffab00', hazard.overdue ? '#212121' : '#ffffff')
      .restore();
  }
  doc.save().rect(box.x, box.y, box.width, box.height).lineWidth(0.5).stroke('#c5ced8').restore();
  // Legend under the map.
  const y = box.y + box.height + 5;
  doc.fontSize(7.5).fillColor('#444444');
  // Each entry: its text, its mark, and the text's offset from the legend's left edge.
  const items: [string, () => void, number][] = [
    ['重大隐患', () => doc.circle(box.x + 4, y + 4, 2.8).fill('#d50000'), 0],
    ['一般隐患', () => doc.circle(box.x + 64, y + 4, 2.8).fill('#ffab00'), 60],
    ['堵塞通道', () => doc.rect(box.x + 120, y + 3, 10, 1.8).fill('#c62828'), 124],
  ];
  for (const [text, mark, offset] of items) {
    doc.save();
    mark();
    doc.restore();
    doc.fillColor('#444444').text(text, box.x + 10 + offset, y, { lineBreak: false });
  }
  doc.fillColor('#000000');
}

/** Shared geo types and helpers, used alike by db/, lib/ and the browser. */
export { type Bbox, geometryBbox, unionBbox } from './bbox';
export { bboxAround, circlePolygon } from './circle';

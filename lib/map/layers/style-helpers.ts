import type { ExpressionSpecification } from 'maplibre-gl';
import type { LegendEntry } from './types';

/** A `match` expression colouring by a property, from the same table the legend is made of. */
export function colorByProperty(property: string, colors: Record<string, string>, fallback = '#9e9e9e'): ExpressionSpecification {
  const pairs = Object.entries(colors).flat();
  return ['match', ['to-string', ['get', property]], ...pairs, fallback] as unknown as ExpressionSpecification;
}

export function enumLegend(
  shape: LegendEntry['shape'],
  enumGroup: string,
  colors: Record<string, string>,
  outline?: string,
): LegendEntry[] {
  return Object.entries(colors).map(([code, color]) => ({ shape, color, outline, label: { enumGroup, code } }));
}

/** A circle layer for point features that grows with zoom. */
export function circleLayer(
  id: string,
  color: ExpressionSpecification | string,
  options: {
    radius?: number;
    stroke?: ExpressionSpecification | string;
    strokeWidth?: ExpressionSpecification | number;
    filter?: ExpressionSpecification;
  } = {},
) {
  const radius = options.radius ?? 5;
  return {
    id,
    type: 'circle' as const,
    ...(options.filter ? { filter: options.filter } : {}),
    paint: {
      'circle-color': color,
      'circle-radius': ['interpolate', ['linear'], ['zoom'], 11, radius * 0.6, 16, radius * 1.4] as ExpressionSpecification,
      'circle-stroke-color': options.stroke ?? '#ffffff',
      'circle-stroke-width': options.strokeWidth ?? 1.2,
    },
  };
}

import type { Geometry, Position } from 'geojson';

/**
 * A geometry from Well-Known Text — POINT, LINESTRING, POLYGON and their MULTI forms, Z/M values dropped, an
 * optional EWKT "SRID=…;" prefix ignored — or null when the text is not one.
 */
export function readWkt(text: string): Geometry | null {
  const match =
    /^\s*(?:SRID=\d+\s*;\s*)?(POINT|LINESTRING|POLYGON|MULTIPOINT|MULTILINESTRING|MULTIPOLYGON)\s*(?:ZM|Z|M)?\s*(\(.*\))\s*$/is.exec(text);
  if (!match) return null;
  const tree = nested(match[2] as string);
  if (!tree) return null;
  const type = (match[1] as string).toUpperCase();
  const position = (node: Node): Position | null => (typeof node === 'string' ? coordinate(node) : null);
  const list = (node: Node): Position[] | null => {
    if (typeof node === 'string') return null;
    // MULTIPOINT is written both as (1 2, 3 4) and as ((1 2), (3 4)).
    const positions = node.map((item) =>
      typeof item === 'string' ? coordinate(item) : item.length === 1 ? position(item[0] as Node) : null,
    );
    return positions.every((item): item is Position => item !== null) ? positions : null;
  };
  const lists = (node: Node) => (typeof node === 'string' ? null : all(node.map(list)));
  const listsOfLists = (node: Node) => (typeof node === 'string' ? null : all(node.map(lists)));
  const single = (node: Node) => (typeof node !== 'string' && node.length === 1 ? position(node[0] as Node) : null);
  const built =
    type === 'POINT'
      ? wrap('Point', single(tree))
      : type === 'LINESTRING'
        ? wrap('LineString', list(tree))
        : type === 'POLYGON'
          ? wrap('Polygon', lists(tree))
          : type === 'MULTIPOINT'
            ? wrap('MultiPoint', list(tree))
            : type === 'MULTILINESTRING'
              ? wrap('MultiLineString', lists(tree))
              : wrap('MultiPolygon', listsOfLists(tree));
  return built;
}

type Node = string | Node[];

function all<T>(items: (T | null)[]): T[] | null {
  return items.every((item): item is T => item !== null) ? items : null;
}

function wrap(type: Geometry['type'], coordinates: unknown): Geometry | null {
  return coordinates ? ({ type, coordinates } as Geometry) : null;
}

function coordinate(text: string): Position | null {
  const numbers = text.trim().split(/\s+/).map(Number);
  if (numbers.length < 2 || numbers.length > 4 || !numbers.every(Number.isFinite)) return null;
  return [numbers[0] as number, numbers[1] as number];
}

/** "(a, (b, c))" → ['a', ['b', 'c']]; null when the parentheses do not balance. */
function nested(text: string): Node | null {
  const stack: Node[][] = [];
  let current: Node[] | null = null;
  let root: Node | null = null;
  let token = '';
  const flush = () => {
    if (token.trim() !== '' && current) current.push(token.trim());
    token = '';
  };
  for (const character of text) {
    if (character === '(') {
      flush();
      const child: Node[] = [];
      if (current) {
        current.push(child);
        stack.push(current);
      } else if (root) return null;
      else root = child;
      current = child;
    } else if (character === ')') {
      flush();
      if (!current) return null;
      current = stack.pop() ?? null;
    } else if (character === ',') flush();
    else if (!current) {
      if (character.trim() !== '') return null;
    } else token += character;
  }
  return current === null ? root : null;
}

import { InvalidFilterError } from '../api/errors';
import { say } from '../i18n/say';
import { isCalendarDate } from '../time';
import type { OgcCollection, QueryableType } from './collections';
import type { ComparisonOperator, Cql2, Literal } from './cql2';
import type { Crs } from './crs';

/** The name a filter gives the features' geometry (as the queryables list it). */
export const GEOMETRY_QUERYABLE = 'geometry';

/** A side of a predicate, resolved: a queryable column of the layer's rows, or a value of a known type. */
export type FilterOperand =
  | { kind: 'column'; name: string; type: QueryableType }
  | { kind: 'value'; value: string | number | boolean; type: QueryableType };

/** A filter checked against a collection's queryables: what db/queries turns into parameterised SQL. */
export type FilterNode =
  | { op: 'and' | 'or'; args: FilterNode[] }
  | { op: 'not'; arg: FilterNode }
  | { op: 'compare'; operator: ComparisonOperator; left: FilterOperand; right: FilterOperand }
  | { op: 'like'; negated: boolean; value: FilterOperand; pattern: string }
  | { op: 'in'; negated: boolean; value: FilterOperand; list: FilterOperand[] }
  | { op: 'between'; negated: boolean; value: FilterOperand; low: FilterOperand; high: FilterOperand }
  | { op: 'isNull'; negated: boolean; value: FilterOperand }
  | { op: 'intersects'; geojson: string; srid: number; northFirst: boolean };

const fail = (message: string): never => {
  throw new InvalidFilterError(`filter: ${message}`);
};

const comparable = (type: QueryableType) => (type === 'integer' ? 'number' : type);

function operand(literal: Literal, collection: OgcCollection): FilterOperand {
  switch (literal.kind) {
    case 'property': {
      const type = collection.queryables[literal.name];
      if (!type) {
        return fail(
          say(
            `“${literal.name.slice(0, 60)}”不是 ${collection.id} 的可查询属性（见 /ogc/collections/${collection.id}/queryables）`,
            `"${literal.name.slice(0, 60)}" is not a queryable of ${collection.id} (see /ogc/collections/${collection.id}/queryables)`,
          ),
        );
      }
      return { kind: 'column', name: literal.name, type };
    }
    case 'string':
      return { kind: 'value', value: literal.value, type: 'string' };
    case 'number':
      return { kind: 'value', value: literal.value, type: 'number' };
    case 'boolean':
      return { kind: 'value', value: literal.value, type: 'boolean' };
    case 'date':
      return { kind: 'value', value: literal.value, type: 'date' };
  }
}

/** Makes two operands comparable: a quoted 'YYYY-MM-DD' next to a date column is a date; other types must match. */
function matched(left: FilterOperand, right: FilterOperand): [FilterOperand, FilterOperand] {
  const asDate = (side: FilterOperand, other: FilterOperand): FilterOperand =>
    side.kind === 'value' && side.type === 'string' && other.type === 'date' && isCalendarDate(String(side.value))
      ? { ...side, type: 'date' }
      : side;
  const [a, b] = [asDate(left, right), asDate(right, left)];
  if (comparable(a.type) !== comparable(b.type))
    fail(say(`不能比较 ${a.type} 和 ${b.type}`, `cannot compare a ${a.type} with a ${b.type}`));
  return [a, b];
}

function resolve(node: Cql2, collection: OgcCollection, filterCrs: Crs): FilterNode {
  switch (node.op) {
    case 'and':
    case 'or':
      return { op: node.op, args: node.args.map((arg) => resolve(arg, collection, filterCrs)) };
    case 'not':
      return { op: 'not', arg: resolve(node.arg, collection, filterCrs) };
    case 'compare': {
      const [left, right] = matched(operand(node.left, collection), operand(node.right, collection));
      if (left.type === 'boolean' && !['=', '<>'].includes(node.operator))
        fail(say('true 和 false 只能用 = 和 <> 比较', 'true and false compare only with = and <>'));
      return { op: 'compare', operator: node.operator, left, right };
    }
    case 'like': {
      const value = operand(node.value, collection);
      if (value.type !== 'string') fail(say('LIKE 只适用于文字', 'LIKE applies to text'));
      if (node.pattern.kind !== 'string') return fail(say('LIKE 需要带引号的模式', 'LIKE takes a quoted pattern'));
      return { op: 'like', negated: node.negated, value, pattern: node.pattern.value };
    }
    case 'in': {
      const value = operand(node.value, collection);
      const pairs = node.list.map((item) => matched(value, operand(item, collection)));
      // A quoted date in the list makes a date column's value a date too; the column side never changes.
      return { op: 'in', negated: node.negated, value, list: pairs.map(([, item]) => item) };
    }
    case 'between': {
      const value = operand(node.value, collection);
      const [, low] = matched(value, operand(node.low, collection));
      const [, high] = matched(value, operand(node.high, collection));
      if (value.type === 'boolean' || value.type === 'string')
        fail(say('BETWEEN 只适用于数字和日期', 'BETWEEN applies to numbers and dates'));
      return { op: 'between', negated: node.negated, value, low, high };
    }
    case 'isNull':
      return { op: 'isNull', negated: node.negated, value: operand(node.value, collection) };
    case 'intersects':
      if (node.property !== GEOMETRY_QUERYABLE)
        fail(say(`S_INTERSECTS 只适用于“${GEOMETRY_QUERYABLE}”属性`, `S_INTERSECTS applies to the "${GEOMETRY_QUERYABLE}" property`));
      return {
        op: 'intersects',
        geojson: JSON.stringify({ type: node.geometry.type, coordinates: node.geometry.coordinates }),
        srid: filterCrs.srid,
        northFirst: filterCrs.northFirst,
      };
  }
}

/** A parsed filter checked against a collection: every property a queryable, every comparison between like types. */
export function resolveFilter(filter: Cql2, collection: OgcCollection, filterCrs: Crs): FilterNode {
  return resolve(filter, collection, filterCrs);
}

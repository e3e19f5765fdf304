import { InvalidFilterError } from '../api/errors';
import { say } from '../i18n/say';
import { chinaToday } from '../time';

/**
 * A parser of CQL2 text (OGC 21-065) for the subset the OGC API serves: comparisons, AND/OR/NOT, LIKE, IN,
 * BETWEEN, IS NULL and S_INTERSECTS with a POINT, LINESTRING, POLYGON, MULTIPOLYGON, BBOX or ENVELOPE literal.
 * Anything else is refused with the position it stopped at, never guessed at.
 */

export type Literal =
  | { kind: 'property'; name: string }
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'date'; value: string };

/** A geometry literal: its type and coordinates, checked for shape (closed rings, enough points). */
export interface GeometryLiteral {
  type: 'Point' | 'LineString' | 'Polygon' | 'MultiPolygon';
  coordinates: unknown;
}

export type ComparisonOperator = '=' | '<>' | '<' | '<=' | '>' | '>=';

export type Cql2 =
  | { op: 'and' | 'or'; args: Cql2[] }
  | { op: 'not'; arg: Cql2 }
  | { op: 'compare'; operator: ComparisonOperator; left: Literal; right: Literal }
  | { op: 'like'; negated: boolean; value: Literal; pattern: Literal }
  | { op: 'in'; negated: boolean; value: Literal; list: Literal[] }
  | { op: 'between'; negated: boolean; value: Literal; low: Literal; high: Literal }
  | { op: 'isNull'; negated: boolean; value: Literal }
  | { op: 'intersects'; property: string; geometry: GeometryLiteral };

type Token =
  | { type: 'word'; text: string; at: number }
  | { type: 'quoted'; text: string; at: number }
  | { type: 'string'; text: string; at: number }
  | { type: 'number'; value: number; at: number }
  | { type: 'symbol'; text: string; at: number };

const MAX_LENGTH = 20_000;
const MAX_DEPTH = 40;

function fail(message: string, at?: number): never {
  throw new InvalidFilterError(
    at === undefined ? `filter: ${message}` : `filter: ${message}${say(`（第 ${at + 1} 个字符处）`, ` (at character ${at + 1})`)}`,
  );
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < text.length) {
    const rest = text.slice(at);
    const space = /^\s+/.exec(rest);
    if (space) {
      at += space[0].length;
      continue;
    }
    const number = /^-?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/.exec(rest);
    if (number) {
      tokens.push({ type: 'number', value: Number(number[0]), at });
      at += number[0].length;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_.:-]*/.exec(rest);
    if (word) {
      tokens.push({ type: 'word', text: word[0], at });
      at += word[0].length;
      continue;
    }
    if (rest[0] === "'" || rest[0] === '"') {
      const quote = rest[0];
      let value = '';
      let end = 1;
      for (;;) {
        if (end >= rest.length) fail(say('引号内的文字没有结束', 'unterminated quoted text'), at);
        if (rest[end] === quote) {
          if (rest[end + 1] === quote) {
            value += quote;
            end += 2;
            continue;
          }
          break;
        }
        value += rest[end];
        end += 1;
      }
      tokens.push({ type: quote === "'" ? 'string' : 'quoted', text: value, at });
      at += end + 1;
      continue;
    }
    const symbol = /^(<>|<=|>=|[=<>(),])/.exec(rest);
    if (symbol) {
      tokens.push({ type: 'symbol', text: symbol[0], at });
      at += symbol[0].length;
      continue;
    }
    fail(say(`意外的字符“${rest[0]}”`, `unexpected character "${rest[0]}"`), at);
  }
  return tokens;
}

const KEYWORDS = new Set(['AND', 'OR', 'NOT', 'LIKE', 'IN', 'IS', 'NULL', 'BETWEEN', 'TRUE', 'FALSE']);

class Parser {
  private index = 0;
  private depth = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly length: number,
  ) {}

  private peek(): Token | undefined {
    return this.tokens[this.index];
  }

  private next(): Token {
    const token = this.tokens[this.index];
    if (!token) fail(say('筛选条件过早结束', 'the filter ends too early'), this.length);
    this.index += 1;
    return token;
  }

  private isWord(word: string, offset = 0): boolean {
    const token = this.tokens[this.index + offset];
    return token?.type === 'word' && token.text.toUpperCase() === word;
  }

  private isSymbol(symbol: string): boolean {
    const token = this.peek();
    return token?.type === 'symbol' && token.text === symbol;
  }

  private expectSymbol(symbol: string): void {
    const token = this.next();
    if (token.type !== 'symbol' || token.text !== symbol) fail(say(`此处应为“${symbol}”`, `expected "${symbol}"`), token.at);
  }

  private expectWord(word: string): void {
    const token = this.next();
    if (!(token.type === 'word' && token.text.toUpperCase() === word)) fail(say(`此处应为 ${word}`, `expected ${word}`), token.at);
  }

  parse(): Cql2 {
    const expression = this.orExpression();
    const extra = this.peek();
    if (extra) fail(say('筛选条件结束后还有多余的文字', 'unexpected text after the end of the filter'), extra.at);
    return expression;
  }

  private nested<T>(read: () => T): T {
    this.depth += 1;
    if (this.depth > MAX_DEPTH) fail(say(`嵌套超过 ${MAX_DEPTH} 层`, `nested more than ${MAX_DEPTH} deep`));
    try {
      return read();
    } finally {
      this.depth -= 1;
    }
  }

  private orExpression(): Cql2 {
    const first = this.andExpression();
    const args = [first];
    while (this.isWord('OR')) {
      this.index += 1;
      args.push(this.andExpression());
    }
    return args.length === 1 ? first : { op: 'or', args };
  }

  private andExpression(): Cql2 {
    const first = this.notExpression();
    const args = [first];
    while (this.isWord('AND')) {
      this.index += 1;
      args.push(this.notExpression());
    }
    return args.length === 1 ? first : { op: 'and', args };
  }

  private notExpression(): Cql2 {
    if (this.isWord('NOT')) {
      this.index += 1;
      return this.nested(() => ({ op: 'not', arg: this.notExpression() }));
    }
    if (this.isSymbol('(')) {
      this.index += 1;
      const inner = this.nested(() => this.orExpression());
      this.expectSymbol(')');
      return inner;
    }
    if (this.isWord('S_INTERSECTS') || this.isWord('INTERSECTS')) return this.intersects();
    return this.predicate();
  }

  private intersects(): Cql2 {
    const start = this.next();
    this.expectSymbol('(');
    const first = this.spatialOperand();
    this.expectSymbol(',');
    const second = this.spatialOperand();
    this.expectSymbol(')');
    if (typeof first === 'string' && typeof second !== 'string') return { op: 'intersects', property: first, geometry: second };
    if (typeof second === 'string' && typeof first !== 'string') return { op: 'intersects', property: second, geometry: first };
    return fail(
      say('S_INTERSECTS 需要几何属性和一个几何字面量', 'S_INTERSECTS takes the geometry property and one geometry literal'),
      start.at,
    );
  }

  private spatialOperand(): string | GeometryLiteral {
    const token = this.peek();
    if (token?.type === 'word') {
      const tag = token.text.toUpperCase();
      if (['POINT', 'LINESTRING', 'POLYGON', 'MULTIPOLYGON', 'BBOX', 'ENVELOPE'].includes(tag)) return this.geometry();
    }
    const literal = this.scalar();
    if (literal.kind !== 'property') fail(say('空间运算对象必须是属性或几何', 'a spatial operand is a property or a geometry'), token?.at);
    return literal.name;
  }

  private predicate(): Cql2 {
    const value = this.scalar();
    const negated = this.isWord('NOT') && (this.isWord('LIKE', 1) || this.isWord('IN', 1) || this.isWord('BETWEEN', 1));
    if (negated) this.index += 1;
    if (this.isWord('LIKE')) {
      this.index += 1;
      return { op: 'like', negated, value, pattern: this.scalar() };
    }
    if (this.isWord('IN')) {
      this.index += 1;
      this.expectSymbol('(');
      const list = [this.scalar()];
      while (this.isSymbol(',')) {
        this.index += 1;
        list.push(this.scalar());
      }
      this.expectSymbol(')');
      return { op: 'in', negated, value, list };
    }
    if (this.isWord('BETWEEN')) {
      this.index += 1;
      const low = this.scalar();
      this.expectWord('AND');
      return { op: 'between', negated, value, low, high: this.scalar() };
    }
    if (this.isWord('IS')) {
      this.index += 1;
      const not = this.isWord('NOT');
      if (not) this.index += 1;
      this.expectWord('NULL');
      return { op: 'isNull', negated: not, value };
    }
    const token = this.next();
    if (token.type === 'symbol' && ['=', '<>', '<', '<=', '>', '>='].includes(token.text)) {
      return { op: 'compare', operator: token.text as ComparisonOperator, left: value, right: this.scalar() };
    }
    return fail(say('此处应为比较、LIKE、IN、BETWEEN 或 IS NULL', 'expected a comparison, LIKE, IN, BETWEEN or IS NULL'), token.at);
  }

  private scalar(): Literal {
    const token = this.next();
    if (token.type === 'string') return { kind: 'string', value: token.text };
    if (token.type === 'number') return { kind: 'number', value: token.value };
    if (token.type === 'quoted') return { kind: 'property', name: token.text };
    if (token.type === 'word') {
      const word = token.text.toUpperCase();
      if (word === 'TRUE' || word === 'FALSE') return { kind: 'boolean', value: word === 'TRUE' };
      if ((word === 'DATE' || word === 'TIMESTAMP') && this.isSymbol('(')) {
        this.index += 1;
        const text = this.next();
        if (text.type !== 'string') fail(say(`${word} 需要带引号的日期`, `${word} takes a quoted date`), text.at);
        this.expectSymbol(')');
        const date =
          word === 'DATE' ? /^\d{4}-\d{2}-\d{2}$/.exec(text.text) : /^(\d{4}-\d{2}-\d{2})T[\d:.]+(Z|[+-]\d{2}:\d{2})$/.exec(text.text);
        if (!date)
          fail(
            say(
              `${word}('${text.text.slice(0, 40)}') 不是 RFC 3339 ${word === 'DATE' ? '日期' : '时间戳'}`,
              `${word}('${text.text.slice(0, 40)}') is not an RFC 3339 ${word === 'DATE' ? 'date' : 'timestamp'}`,
            ),
            text.at,
          );
        return { kind: 'date', value: word === 'DATE' ? text.text : chinaDateOf(text.text) };
      }
      if (KEYWORDS.has(word)) fail(say(`意外的 ${word}`, `unexpected ${word}`), token.at);
      return { kind: 'property', name: token.text };
    }
    return fail(say(`意外的“${token.text}”`, `unexpected "${token.text}"`), token.at);
  }

  private number(): number {
    const token = this.next();
    if (token.type !== 'number' || !Number.isFinite(token.value)) fail(say('此处应为数字', 'expected a number'), token.at);
    return token.value;
  }

  private position(): [number, number] {
    return [this.number(), this.number()];
  }

  /** `(x y, x y, …)` */
  private positions(): [number, number][] {
    this.expectSymbol('(');
    const list = [this.position()];
    while (this.isSymbol(',')) {
      this.index += 1;
      list.push(this.position());
    }
    this.expectSymbol(')');
    return list;
  }

  /** `(ring, ring, …)` of closed rings of at least four positions. */
  private rings(): [number, number][][] {
    this.expectSymbol('(');
    const rings = [this.ring()];
    while (this.isSymbol(',')) {
      this.index += 1;
      rings.push(this.ring());
    }
    this.expectSymbol(')');
    return rings;
  }

  private ring(): [number, number][] {
    const at = this.peek()?.at;
    const ring = this.positions();
    const [first, last] = [ring[0], ring.at(-1)];
    if (ring.length < 4 || !first || !last || first[0] !== last[0] || first[1] !== last[1])
      fail(say('多边形的环必须闭合且至少有四个坐标', 'a polygon ring is closed and has at least four positions'), at);
    return ring;
  }

  private geometry(): GeometryLiteral {
    const tag = this.next() as Token & { text: string };
    const kind = tag.text.toUpperCase();
    if (kind === 'POINT') {
      this.expectSymbol('(');
      const point = this.position();
      this.expectSymbol(')');
      return { type: 'Point', coordinates: point };
    }
    if (kind === 'LINESTRING') {
      const line = this.positions();
      if (line.length < 2) fail(say('线至少需要两个坐标', 'a line has at least two positions'), tag.at);
      return { type: 'LineString', coordinates: line };
    }
    if (kind === 'POLYGON') return { type: 'Polygon', coordinates: this.rings() };
    if (kind === 'MULTIPOLYGON') {
      this.expectSymbol('(');
      const polygons = [this.rings()];
      while (this.isSymbol(',')) {
        this.index += 1;
        polygons.push(this.rings());
      }
      this.expectSymbol(')');
      return { type: 'MultiPolygon', coordinates: polygons };
    }
    // BBOX(west, south, east, north) of CQL2; ENVELOPE(west, east, north, south) of the older CQL drafts.
    this.expectSymbol('(');
    const numbers = [this.number()];
    while (this.isSymbol(',')) {
      this.index += 1;
      numbers.push(this.number());
    }
    this.expectSymbol(')');
    if (numbers.length !== 4) fail(say(`${kind} 需要四个数`, `${kind} takes four numbers`), tag.at);
    const [a, b, c, e] = numbers as [number, number, number, number];
    const [west, south, east, north] = kind === 'BBOX' ? [a, b, c, e] : [a, e, b, c];
    if (west >= east || south >= north)
      fail(say(`${kind} 必须西 < 东、南 < 北`, `${kind} must have west < east and south < north`), tag.at);
    return {
      type: 'Polygon',
      coordinates: [
        [
          [west, south],
          [east, south],
          [east, north],
          [west, north],
          [west, south],
        ],
      ],
    };
  }
}

/** The China date of an RFC 3339 instant: the layers' dates are China dates. */
function chinaDateOf(instant: string): string {
  const time = Date.parse(instant);
  if (Number.isNaN(time))
    fail(say(`TIMESTAMP('${instant.slice(0, 40)}') 不是有效的时刻`, `TIMESTAMP('${instant.slice(0, 40)}') is not a valid instant`));
  return chinaToday(new Date(time));
}

export function parseCql2(text: string): Cql2 {
  if (text.length > MAX_LENGTH) fail(say(`超过 ${MAX_LENGTH} 个字符`, `longer than ${MAX_LENGTH} characters`));
  const tokens = tokenize(text);
  if (tokens.length === 0) fail(say('为空', 'empty'));
  return new Parser(tokens, text.length).parse();
}

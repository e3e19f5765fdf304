import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const API_DIR = path.resolve(__dirname, '../../app/api');
/** The OGC API – Features for desktop GIS: the same wrapper, outside /api. */
const OGC_DIR = path.resolve(__dirname, '../../app/ogc');
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === 'route.ts' ? [full] : [];
  });
}

const files = [...routeFiles(API_DIR), ...routeFiles(OGC_DIR)].map((file) => ({
  name: path.relative(path.resolve(__dirname, '../../app'), file),
  source: fs.readFileSync(file, 'utf8'),
}));

describe('every API route goes through the route wrapper', () => {
  it('finds the route files', () => {
    expect(files.length).toBeGreaterThanOrEqual(35);
  });

  it.each(files)('$name exports only wrapped handlers and maps no error itself', ({ source }) => {
    const exported = [...source.matchAll(/^export (?:async )?(?:const|function|let|var) (\w+)/gm)].map((match) => match[1]);
    const handlers = exported.filter((name) => METHODS.includes(name ?? ''));
    expect(handlers.length).toBeGreaterThan(0);
    for (const method of handlers) expect(source).toMatch(new RegExp(`^export const ${method} = route\\(`, 'm'));
    expect(source).not.toMatch(/\bcatch\b|\btry\s*\{/);
    // Sign-in, scope and the database come from the wrapper's context, never fetched by the route.
    expect(source).not.toMatch(/\b(requireActor|actorFromRequest|getDatabase|scopedVillages|errorResponse)\b/);
  });
});

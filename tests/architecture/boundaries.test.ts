import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Where each thing is decided, checked on the source itself: a second way in would pass every other test and
 * still split the product's behaviour in two.
 */
const ROOT = path.resolve(__dirname, '../..');

function sourceFiles(folder: string): string[] {
  const found: string[] = [];
  const visit = (dir: string) => {
    for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const relative = path.posix.join(dir, entry.name);
      if (entry.isDirectory()) visit(relative);
      else if (/\.(ts|tsx)$/.test(entry.name)) found.push(relative);
    }
  };
  visit(folder);
  return found;
}

const PRODUCT_FILES = ['app', 'lib', 'db'].flatMap(sourceFiles).concat('proxy.ts');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

/** Modules a file imports at runtime (type-only imports are erased and do not count). */
function runtimeImports(file: string): string[] {
  const imports: string[] = [];
  for (const match of read(file).matchAll(/^(?:import|export)\s+(type\s+)?(?:[^'"]*?\s+from\s+)?['"]([^'"]+)['"]/gm)) {
    if (!match[1]) imports.push(match[2] ?? '');
  }
  return imports;
}

/** An import specifier as a path from the project root (for `@/` and relative specifiers), else the package. */
function resolved(file: string, specifier: string): string {
  if (specifier.startsWith('@/')) return specifier.slice(2);
  if (specifier.startsWith('.')) return path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
  return specifier;
}

describe('one way to do each thing', () => {
  it('only the map owner in lib/map talks to maplibre-gl, deck.gl and terra-draw', () => {
    const outside = PRODUCT_FILES.filter((file) => !file.startsWith('lib/map/')).filter((file) =>
      runtimeImports(file).some((specifier) => /^(maplibre-gl|@deck\.gl\/|terra-draw)/.test(specifier) && !specifier.endsWith('.css')),
    );
    expect(outside).toEqual([]);
  });

  it('only the audit writer inserts into the audit log', () => {
    const writers = PRODUCT_FILES.filter((file) => /insert\s+into\s+audit_log|insertInto\(\s*'audit_log'/i.test(read(file)));
    expect(writers).toEqual(['db/queries/audit.ts']);
  });

  it('no SQL takes today from the database session, whose time zone is not China time', () => {
    const offenders = PRODUCT_FILES.filter((file) => /current_date|now\(\)\s*::\s*date|localtimestamp/i.test(read(file)));
    expect(offenders).toEqual([]);
  });

  it('route files leave error answers to the route wrapper', () => {
    const routes = PRODUCT_FILES.filter((file) => file.startsWith('app/') && file.endsWith('/route.ts'));
    expect(routes.length).toBeGreaterThan(30);
    expect(routes.filter((file) => /\bcatch\s*[({]/.test(read(file)))).toEqual([]);
  });

  it('queries and migrations are leaves: they import from lib only the domain codes, geometry types, the clock and the wording of messages', () => {
    const allowed = /^lib\/(domain|geo|time|i18n)(\/|$)/;
    const crossings = ['db/queries', 'db/migrations'].flatMap(sourceFiles).flatMap((file) =>
      runtimeImports(file)
        .map((specifier) => resolved(file, specifier))
        .filter((target) => target.startsWith('lib/') && !allowed.test(target))
        .map((target) => `${file} → ${target}`),
    );
    expect(crossings).toEqual([]);
  });
});

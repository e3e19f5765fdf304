import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startServer, type RunningServer } from './server';

declare module 'vitest' {
  export interface ProvidedContext {
    servers: { engine: 'pglite' | 'postgres'; url: string }[];
  }
}

async function admin(statement: string) {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * Starts the app once per engine with the demo data: embedded always, on the PostGIS test server
 * (a fresh database) when TEST_DATABASE_URL is set. Specs get their URLs with inject('servers').
 */
export default async function setup(project: TestProject) {
  const running: RunningServer[] = [];
  const servers: { engine: 'pglite' | 'postgres'; url: string }[] = [];
  let databaseName: string | null = null;

  const embedded = await startServer({});
  running.push(embedded);
  servers.push({ engine: 'pglite', url: embedded.url });

  if (process.env.TEST_DATABASE_URL) {
    databaseName = `fire_e2e_${randomBytes(6).toString('hex')}`;
    await admin(`CREATE DATABASE ${databaseName}`);
    const url = new URL(process.env.TEST_DATABASE_URL);
    url.pathname = `/${databaseName}`;
    const server = await startServer({ DATABASE_URL: url.toString() });
    running.push(server);
    servers.push({ engine: 'postgres', url: server.url });
  }
  project.provide('servers', servers);

  return async () => {
    for (const server of running) await server.stop();
    if (databaseName) await admin(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
  };
}

import { type ChildProcess, fork } from 'node:child_process';
import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One GET on the given agent: its body, or the error the socket ended with. */
function get(port: number, path: string, agent: http.Agent): Promise<string> {
  return new Promise((resolve) => {
    const request = http.get({ host: '127.0.0.1', port, path, agent }, (response) => {
      let body = '';
      response.on('data', (chunk) => {
        body += chunk;
      });
      response.on('end', () => resolve(body));
    });
    request.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

/**
 * The race behind resets on kept-alive connections: a client's connection sits idle, another request holds
 * the server's event loop past the idle timeout, and the client sends its next request meanwhile. When the
 * loop is free, the expired idle timer runs before the pending read and closes a socket holding a request.
 */
async function nextRequestAfterLongOne(timeouts: 'node' | 'app'): Promise<string> {
  const server = fork('tests/server/fixtures/blocking-server.mjs', [timeouts], { env: { ...process.env, BLOCK_MS: '6000' } });
  running.push(server);
  const port = await new Promise<number>((resolve) => server.once('message', (message: { port: number }) => resolve(message.port)));
  const keptAlive = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    expect(await get(port, '/', keptAlive)).toBe('ok');
    // The idle timer is running on the kept-alive socket; a second client now holds the server for 6 s.
    await sleep(500);
    const blocking = get(port, '/block', new http.Agent());
    await sleep(2500);
    const next = await get(port, '/', keptAlive);
    await blocking;
    return next;
  } finally {
    keptAlive.destroy();
  }
}

const running: ChildProcess[] = [];
afterEach(() => {
  for (const server of running.splice(0)) server.kill();
});

describe('kept-alive connections across a request that holds the event loop', () => {
  it("are reset with Node's default 5 s idle timeout (the cause)", async () => {
    expect(await nextRequestAfterLongOne('node')).toBe('ECONNRESET');
  }, 30_000);

  it("are answered with the app server's timeouts", async () => {
    expect(await nextRequestAfterLongOne('app')).toBe('ok');
  }, 30_000);
});

/**
 * Idle keep-alive connections are kept for 65 s instead of Node's 5 s. The embedded database runs on the
 * server's thread, so a long analysis can hold the event loop for seconds; when it lets go, expired timers run
 * before pending reads, and a 5 s timer would close a kept-alive connection on which the client has meanwhile
 * sent its next request: the client sees a reset. Headers get their one second more, as Node requires.
 */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

/** @param {import('node:http').Server} server */
export function keepIdleConnections(server) {
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
}

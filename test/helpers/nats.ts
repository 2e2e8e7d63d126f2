import net from 'node:net';

/**
 * NATS JetStream for streaming tests: OUTPOST_TEST_NATS_URL or 127.0.0.1:4222. Absent → the tests
 * skip with a message, unless OUTPOST_REQUIRE_SERVICES=1 (CI), where absence fails the run.
 */
export const NATS_URL = process.env.OUTPOST_TEST_NATS_URL ?? '127.0.0.1:4222';

export async function natsAvailable(): Promise<boolean> {
  const [host, port] = NATS_URL.replace(/^nats:\/\//, '').split(':');
  const ok = await new Promise<boolean>((resolve) => {
    const s = net.connect({ host, port: Number(port ?? 4222) }, () => { s.end(); resolve(true); });
    s.on('error', () => resolve(false));
    s.setTimeout(2_000, () => { s.destroy(); resolve(false); });
  });
  if (!ok && process.env.OUTPOST_REQUIRE_SERVICES === '1') throw new Error(`NATS is required (OUTPOST_REQUIRE_SERVICES=1) but unreachable at ${NATS_URL}`);
  if (!ok) console.warn(`[skip] NATS tests skipped: ${NATS_URL} unreachable`);
  return ok;
}

import path from 'node:path';
import { z } from 'zod';

/**
 * Deployment settings come from the environment and are validated once at start. Analyst-editable
 * settings (rules, thresholds, data-quality rules) are versioned data in the database instead.
 */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  OUTPOST_DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// URL')
    .optional(),
  OUTPOST_ADMIN_PASSWORD: z.string().min(12, 'OUTPOST_ADMIN_PASSWORD must be at least 12 characters').optional(),
  OUTPOST_BOOTSTRAP_API_KEY: z.string().min(24, 'OUTPOST_BOOTSTRAP_API_KEY must be at least 24 characters').optional(),
  OUTPOST_DEMO: z.enum(['auto', 'off']).default('auto'),
  OUTPOST_DEMO_SCALE: z.coerce.number().positive().max(10).default(1),
  OUTPOST_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Base64 or hex 32-byte key for personal-data encryption; else a key file under the data dir. */
  OUTPOST_DATA_KEY: z.string().optional(),
  OUTPOST_DATA_KEY_FILE: z.string().optional(),
  OUTPOST_CIPHER: z.enum(['sm4', 'aes-256-gcm']).default('sm4'),
  OUTPOST_AUDIT_HASH: z.enum(['sm3', 'sha256']).default('sm3'),
  OUTPOST_SECURE_COOKIES: z.enum(['auto', 'on', 'off']).default('auto'),
  /** Reverse proxies whose X-Forwarded-For is believed: comma-separated addresses/CIDRs, or 'loopback'. Unset: none. */
  OUTPOST_TRUST_PROXY: z.string().regex(/^[\w.:/,\s-]+$/, 'OUTPOST_TRUST_PROXY must list addresses or CIDRs').optional(),
  /** Ingest requests per minute per caller (API key or user); 0 turns the limit off. */
  OUTPOST_INGEST_RATE_LIMIT: z.coerce.number().int().min(0).default(120_000),
  /** NATS server with JetStream; when set, `serve` consumes transactions from the stream. */
  OUTPOST_NATS_URL: z.string().regex(/^(nats:\/\/)?[\w.-]+(:\d+)?(,(nats:\/\/)?[\w.-]+(:\d+)?)*$/, 'OUTPOST_NATS_URL must be host:port or nats://host:port').optional(),
  OUTPOST_STREAM_PARTITIONS: z.coerce.number().int().min(1).max(1024).default(16),
  /** SQLite: checkpoint the write-ahead log from a worker thread ('background') or inside commits ('inline'). */
  OUTPOST_SQLITE_CHECKPOINT: z.enum(['background', 'inline']).default('background'),
  /** SQLite: store ingested batches from a writer thread ('thread') or on the thread serving requests ('inline'). */
  OUTPOST_SQLITE_WRITER: z.enum(['thread', 'inline']).default('inline'),
  /** SQLite: threads that run long reads (lists, reports) beside the thread serving requests (0 = read on that thread). */
  OUTPOST_SQLITE_READ_THREADS: z.coerce.number().int().min(0).max(16).default(2),
  /** How often `serve` looks for changes other processes made to reference data, scenarios and rules (ms; 0 = never). */
  OUTPOST_CHANGE_POLL_MS: z.coerce.number().int().min(0).max(3_600_000).default(1_000),
  OUTPOST_SCENARIO_SETTLE_WAIT_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  sqlitePath: string;
  adminPassword: string | undefined;
  bootstrapApiKey: string | undefined;
  demo: 'auto' | 'off';
  demoScale: number;
  logLevel: z.infer<typeof EnvSchema>['OUTPOST_LOG_LEVEL'];
  dataKey: string | undefined;
  dataKeyFile: string;
  cipher: 'sm4' | 'aes-256-gcm';
  auditHash: 'sm3' | 'sha256';
  secureCookies: 'auto' | 'on' | 'off';
  natsUrl: string | undefined;
  streamPartitions: number;
  /** Fastify trustProxy: false (default) or the list of trusted proxy addresses. */
  trustProxy: false | string[];
  ingestRateLimitPerMinute: number;
  sqliteCheckpoint: 'background' | 'inline';
  sqliteWriter: 'thread' | 'inline';
  sqliteReadThreads: number;
  changePollMs: number;
  /** How long a scenario activation or deactivation waits for the rebuilt engine before answering `rebuilding`. */
  scenarioSettleWaitMs: number;
};

/** Environment settings validated by `schema`, or an error naming every bad variable (modules' own settings use it too). */
export function parseEnv<T extends z.ZodType>(schema: T, env: NodeJS.ProcessEnv): z.output<T> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment settings:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const e = parseEnv(EnvSchema, env);
  const dataDir = path.resolve(e.OUTPOST_DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    sqlitePath: path.join(dataDir, 'outpost.sqlite'),
    adminPassword: e.OUTPOST_ADMIN_PASSWORD,
    bootstrapApiKey: e.OUTPOST_BOOTSTRAP_API_KEY,
    demo: e.OUTPOST_DEMO,
    demoScale: e.OUTPOST_DEMO_SCALE,
    logLevel: e.OUTPOST_LOG_LEVEL,
    dataKey: e.OUTPOST_DATA_KEY,
    dataKeyFile: e.OUTPOST_DATA_KEY_FILE ?? path.join(dataDir, 'data.key'),
    cipher: e.OUTPOST_CIPHER,
    auditHash: e.OUTPOST_AUDIT_HASH,
    secureCookies: e.OUTPOST_SECURE_COOKIES,
    natsUrl: e.OUTPOST_NATS_URL,
    streamPartitions: e.OUTPOST_STREAM_PARTITIONS,
    ingestRateLimitPerMinute: e.OUTPOST_INGEST_RATE_LIMIT,
    sqliteCheckpoint: e.OUTPOST_SQLITE_CHECKPOINT,
    sqliteWriter: e.OUTPOST_SQLITE_WRITER,
    sqliteReadThreads: e.OUTPOST_SQLITE_READ_THREADS,
    changePollMs: e.OUTPOST_CHANGE_POLL_MS,
    scenarioSettleWaitMs: e.OUTPOST_SCENARIO_SETTLE_WAIT_MS,
    trustProxy: e.OUTPOST_TRUST_PROXY ? e.OUTPOST_TRUST_PROXY.split(',').map((x) => x.trim()).filter(Boolean) : false,
  };
}

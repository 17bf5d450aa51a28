import { z } from 'zod';

// The only module that reads process.env. Everything else receives a Config.

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const urlWithScheme = (schemes: string[], example: string) =>
  z.string().refine((v) => {
    try {
      return schemes.includes(new URL(v).protocol.replace(/:$/, ''));
    } catch {
      return false;
    }
  }, `must be a URL like ${example}`);

export const ConfigSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce
      .number({ error: 'must be a port number' })
      .int('must be a whole number')
      .min(0, 'must be between 0 and 65535')
      .max(65535, 'must be between 0 and 65535')
      .default(3000),
    DATA_DIR: z.string().min(1).default('./data'),
    DATABASE_URL: urlWithScheme(['postgres', 'postgresql'], 'postgres://user:pass@host:5432/db').optional(),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    REDIS_URL: urlWithScheme(['redis', 'rediss'], 'redis://host:6379').optional(),
    SMTP_URL: urlWithScheme(['smtp', 'smtps'], 'smtp://user:pass@host:587').optional(),
    SMTP_FROM: z.string().min(3).default('Fostering recruitment <fostering@example.gov.uk>'),
    // The mail provider's sending quota in messages; sending never goes faster, across all workers.
    SMTP_MAX_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(60),
    DEMO_DATA: flag.optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    PUBLIC_URL: urlWithScheme(['http', 'https'], 'https://fostering.example.gov.uk').optional(),
    // Run the job worker inside the web process. Scaled-out deployments set this to false on web
    // replicas and run `npm run worker` separately.
    RUN_WORKER: flag.default(true),
    // Express "trust proxy": set when running behind a TLS-terminating proxy so cookies get Secure.
    TRUST_PROXY: z.string().default('loopback'),
  })
  .transform((c) => ({
    ...c,
    // DEMO_DATA defaults to on for the embedded database and off for a real server.
    DEMO_DATA: c.DEMO_DATA ?? c.DATABASE_URL === undefined,
    PUBLIC_URL: c.PUBLIC_URL ?? `http://localhost:${c.PORT}`,
  }));

export type Config = z.output<typeof ConfigSchema>;

export class ConfigError extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join('\n'));
  }
}

/** Parses settings; empty strings count as unset (docker-compose passes `VAR=` through). */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(
    Object.keys(ConfigSchema.in.shape).map((key) => [key, env[key] === '' ? undefined : env[key]]),
  );
  const result = ConfigSchema.safeParse(cleaned);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => `Invalid setting ${issue.path.join('.')}: ${issue.message}`),
  );
}

/** For entry points: the settings, or one line per bad variable on stderr and exit code 1. */
export function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    for (const line of err.lines) console.error(line);
    process.exit(1);
  }
}

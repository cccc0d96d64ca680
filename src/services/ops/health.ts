import { scrubSecrets } from '../../engine/text/secrets.js';

/** A running bot's answer to "can you reach your platform?" (Telegram getMe / polling loop, Slack auth.test / socket). */
export interface BotProbe {
  name: 'telegram' | 'slack';
  /** Cheap and synchronous: read from state the bot keeps, never a network call per health check. */
  connected(): boolean;
  /** How it connects, e.g. 'polling', 'webhook', 'socket', 'http'. */
  mode: string;
}

export interface HealthSources {
  /** The index version in service (throws or returns undefined when none is loaded). */
  indexVersion(): string | undefined;
  /** A real read from the database. */
  databaseReachable(): Promise<{ ok: true } | { ok: false; error: string }>;
}

export interface HealthReport {
  status: 'ok' | 'degraded';
  index: { ok: boolean; version?: string };
  database: { ok: boolean; error?: string };
  bots: Record<string, { ok: boolean; mode: string }>;
}

/** How long a database read may take before the check calls it unreachable. */
const DATABASE_TIMEOUT_MS = 2000;

/** Passwords in connection URLs (postgres://user:secret@host) and tokens never reach a health report. */
function redact(message: string): string {
  return scrubSecrets(message).replace(/(\/\/[^:/@\s]+:)[^@\s]+@/g, '$1[redacted]@');
}

/** GET /healthz: ok when the index is loaded, the database answers and every started bot is connected. */
export class HealthCheck {
  private readonly bots: BotProbe[] = [];

  constructor(private readonly sources: HealthSources) {}

  /** Bots register once started; a process with no bot started reports an empty `bots`. */
  addBot(probe: BotProbe): void {
    this.bots.push(probe);
  }

  async check(): Promise<HealthReport> {
    let version: string | undefined;
    try {
      version = this.sources.indexVersion();
    } catch {
      version = undefined;
    }
    const database = await withTimeout(this.sources.databaseReachable(), DATABASE_TIMEOUT_MS).catch((err: unknown) => ({
      ok: false as const,
      error: err instanceof Error ? err.message : String(err),
    }));
    const bots: HealthReport['bots'] = {};
    for (const bot of this.bots) bots[bot.name] = { ok: safe(() => bot.connected()), mode: bot.mode };
    const ok = version !== undefined && database.ok && Object.values(bots).every((b) => b.ok);
    return {
      status: ok ? 'ok' : 'degraded',
      index: { ok: version !== undefined, ...(version !== undefined ? { version } : {}) },
      database: database.ok ? { ok: true } : { ok: false, error: redact(database.error) },
      bots,
    };
  }
}

function safe(probe: () => boolean): boolean {
  try {
    return probe();
  } catch {
    return false;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

import { Cron } from 'croner';
import cronstrue from 'cronstrue';

export interface CronDescription {
  /** The schedule in words, e.g. "Every 5 minutes". */
  description: string;
  /** The next runs as RFC 3339 UTC timestamps (empty when the expression cannot be evaluated). */
  nextRuns: string[];
  /** Set when the expression could not be understood. */
  error?: string;
}

const EVERY_PATTERN = /^@every\s+(\d+)\s*(ms|s|m|h|d)$/i;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const UNIT_WORD: Record<string, string> = {
  ms: 'millisecond',
  s: 'second',
  m: 'minute',
  h: 'hour',
  d: 'day',
};

/**
 * Describes a cron expression in words and computes its next runs in its time zone. Supports 5- and
 * 6-field expressions, the @yearly.. @hourly nicknames and `@every <n><unit>`.
 */
export function describeCron(
  expression: string,
  timezone: string | undefined,
  now: number,
  count = 5,
): CronDescription {
  const every = EVERY_PATTERN.exec(expression.trim());
  if (every) {
    const n = Number(every[1]);
    const unit = (every[2] ?? 's').toLowerCase();
    const step = n * (UNIT_MS[unit] ?? 1000);
    const word = UNIT_WORD[unit] ?? unit;
    return {
      description: n === 1 ? `Every ${word}` : `Every ${n} ${word}s`,
      nextRuns:
        step > 0 ? Array.from({ length: count }, (_, i) => new Date(now + step * (i + 1)).toISOString()) : [],
    };
  }
  let description: string;
  try {
    description = cronstrue.toString(expression, { use24HourTimeFormat: true, verbose: false });
  } catch (error) {
    return { description: expression, nextRuns: [], error: String(error) };
  }
  try {
    const cron = new Cron(expression, { timezone: timezone ?? 'UTC', paused: true });
    const runs = cron.nextRuns(count, new Date(now)).map((d) => d.toISOString());
    cron.stop();
    const zone = timezone && timezone !== 'UTC' && timezone !== 'Etc/UTC' ? ` (${timezone})` : ' (UTC)';
    return { description: `${description}${zone}`, nextRuns: runs };
  } catch (error) {
    return { description, nextRuns: [], error: error instanceof Error ? error.message : String(error) };
  }
}

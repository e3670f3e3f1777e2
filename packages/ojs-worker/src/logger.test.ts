import { describe, expect, it } from 'vitest';
import { childLogger, createJsonLogger, safeStringify } from './logger';

describe('createJsonLogger', () => {
  it('writes one JSON line per message at or above the level', () => {
    const out: [string, string][] = [];
    const log = createJsonLogger({
      level: 'info',
      base: { service: 'demo' },
      now: () => 0,
      write: (line, level) => out.push([level, line]),
    });
    log.debug('hidden');
    log.info('hello', { n: 1 });
    childLogger(log, { job_id: 'j' }).error('bad', { err: new Error('boom') });
    expect(out.map(([level, line]) => [level, JSON.parse(line) as unknown])).toEqual([
      ['info', { level: 'info', time: '1970-01-01T00:00:00.000Z', msg: 'hello', service: 'demo', n: 1 }],
      [
        'error',
        {
          level: 'error',
          time: '1970-01-01T00:00:00.000Z',
          msg: 'bad',
          service: 'demo',
          job_id: 'j',
          err: { name: 'Error', message: 'boom' },
        },
      ],
    ]);
  });

  it('never throws on cycles or bigints', () => {
    const a: Record<string, unknown> = { n: 1n };
    a.self = a;
    expect(safeStringify(a)).toBe('{"n":"1","self":"[circular]"}');
  });
});

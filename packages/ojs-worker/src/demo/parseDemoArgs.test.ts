import { describe, expect, it } from 'vitest';
import { parseDemoArgs } from './parseDemoArgs';

describe('parseDemoArgs', () => {
  it('reads flags with defaults', () => {
    expect(parseDemoArgs(['--url', 'http://127.0.0.1:8080'])).toEqual({
      help: false,
      options: {
        url: 'http://127.0.0.1:8080',
        rate: 20,
        seed: 42,
        timeScale: 1,
        logLevel: 'info',
        churn: true,
        cron: true,
      },
    });
    const r = parseDemoArgs(
      [
        '--url=http://h:1',
        '--rate',
        '5.5',
        '--seed',
        'demo',
        '--time-scale',
        '0.1',
        '--duration',
        '30',
        '--no-churn',
      ],
      { OJS_TOKEN: 'secret' },
    );
    expect(r).toMatchObject({
      help: false,
      options: { rate: 5.5, seed: 'demo', timeScale: 0.1, duration: 30, churn: false, token: 'secret' },
    });
  });

  it('takes the URL from OJS_URL and answers --help', () => {
    expect(parseDemoArgs([], { OJS_URL: 'http://x:1' })).toMatchObject({ options: { url: 'http://x:1' } });
    expect(parseDemoArgs(['-h'])).toEqual({ help: true });
  });

  it.each([
    [[], /--url/],
    [['--url', 'not a url'], /--url/],
    [['--url', 'http://h', '--rate', '0'], /--rate/],
    [['--url', 'http://h', '--rate', 'fast'], /--rate/],
    [['--url', 'http://h', '--bogus'], /bogus/],
    [['--url', 'http://h', '--log-level', 'loud'], /--log-level/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseDemoArgs(argv)).toThrow(message);
  });
});

import { createJsonLogger } from '../logger';
import { DEMO_USAGE, parseDemoArgs } from './parseDemoArgs';
import { startDemo } from './startDemo';

async function main(): Promise<number> {
  let parsed: ReturnType<typeof parseDemoArgs>;
  try {
    parsed = parseDemoArgs(process.argv.slice(2), process.env);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${DEMO_USAGE}`);
    return 2;
  }
  if (parsed.help) {
    process.stdout.write(DEMO_USAGE);
    return 0;
  }
  const o = parsed.options;
  const logger = createJsonLogger({ level: o.logLevel, base: { component: 'demo' } });
  const demo = await startDemo({
    url: o.url,
    rate: o.rate,
    seed: o.seed,
    timeScale: o.timeScale,
    churn: o.churn,
    cron: o.cron,
    logger,
    ...(o.token !== undefined ? { token: o.token } : {}),
  });
  const report = setInterval(() => logger.info('demo progress', { ...demo.stats() }), 10_000);
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals): void => {
    signals++;
    if (signals > 1) {
      logger.warn('second signal: exiting without waiting for running jobs', { signal });
      process.exit(130);
    }
    logger.info('stopping demo (signal again to force)', { signal });
    void demo.stop();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const timer = o.duration !== undefined ? setTimeout(() => void demo.stop(), o.duration * 1000) : undefined;
  await demo.done;
  clearInterval(report);
  if (timer !== undefined) clearTimeout(timer);
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `demo failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);

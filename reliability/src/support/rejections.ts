/** Collects unhandled rejections and uncaught exceptions until `stop()` (which returns them). */
export function trackProcessErrors(): { errors: unknown[]; stop(): unknown[] } {
  const errors: unknown[] = [];
  const onError = (reason: unknown): void => {
    errors.push(reason);
  };
  process.on('unhandledRejection', onError);
  process.on('uncaughtException', onError);
  return {
    errors,
    stop() {
      process.off('unhandledRejection', onError);
      process.off('uncaughtException', onError);
      return errors;
    },
  };
}

/** Everything of the reliability suite: the harness (processes, load, faults, streams) plus the in-process parts. */
export * from './harness';
export { startLookout, type RunningLookout } from './support/startLookout';
export { trackProcessErrors } from './support/rejections';
export { slope } from './support/slope';
export { countStoreWrites } from './support/storeWrites';
export { runSoak, type SoakOptions, type SoakReport, type SoakSample } from './runSoak';

/** Everything of the reliability suite: the harness (processes, load, faults, streams) plus the in-process parts. */
export * from './harness';
export { startLookout, type RunningLookout } from './support/startLookout';
export { trackProcessErrors } from './support/rejections';
export { slope } from './support/slope';
export { countStoreWrites } from './support/storeWrites';
export { runSoak, type SoakOptions, type SoakReport, type SoakSample } from './runSoak';
export { FaultProxy, HUGE_BODY_BYTES, type FaultMode } from './support/FaultProxy';
export { SseClient, type ReceivedEvent, type SseClientOptions } from './support/SseClient';

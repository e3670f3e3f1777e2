export { FaultProxy, HUGE_BODY_BYTES, type FaultMode } from './support/FaultProxy';
export { SseClient, type ReceivedEvent, type SseClientOptions } from './support/SseClient';
export {
  spawnService,
  spawnOjsServer,
  spawnBff,
  freePort,
  type ServiceProcess,
  type SpawnServiceInput,
} from './support/processes';
export { startLookout, type RunningLookout } from './support/startLookout';
export { trackProcessErrors } from './support/rejections';
export { waitUntil, sleep } from './support/waitUntil';
export { slope } from './support/slope';
export { startJobLoad, type JobLoad } from './support/jobLoad';
export { ojsCall, ok, type HttpAnswer } from './support/ojsHttp';
export { countStoreWrites } from './support/storeWrites';
export { runSoak, type SoakOptions, type SoakReport, type SoakSample } from './runSoak';

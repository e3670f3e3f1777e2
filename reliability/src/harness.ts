/**
 * The process and load helpers alone (no BFF or server code loaded), for end-to-end specs that drive
 * Lookout's real programs.
 */
export {
  spawnService,
  spawnOjsServer,
  spawnBff,
  freePort,
  type ServiceProcess,
  type SpawnServiceInput,
} from './support/processes';
export { startJobLoad, type JobLoad } from './support/jobLoad';
export { ojsCall, ok, type HttpAnswer } from './support/ojsHttp';
export { waitUntil, sleep } from './support/waitUntil';

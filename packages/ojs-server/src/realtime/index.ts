export {
  mountRealtime,
  realtimeOf,
  realtimeExtensions,
  REALTIME_PATHS,
  type RealtimeDeps,
  type RealtimeHandle,
} from './mountRealtime';
export { realtimeExtension, type RealtimeExtension } from './realtimeExtension';
export { RealtimeHub } from './RealtimeHub';
export {
  realtimeOptionsSchema,
  resolveRealtimeOptions,
  type RealtimeOptions,
  type RealtimeOptionsInput,
} from './realtimeOptions';
export { toRealtimeEvent, type RealtimeEvent, type StreamChannel } from './streamChannel';

/**
 * Types of the BFF HTTP API for the SPA: `import type { ... } from '@lookout/bff/api'`.
 * The zod schemas in ./schemas are the contract; these are their inferred types.
 */
export type * from './schemas';
export type { AppType } from '../app';
export type { LiveEvent, LiveEventFilter } from '../events/liveEvent';
export type { ApiErrorBody } from '../errors/ApiError';

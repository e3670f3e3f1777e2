export { createBff, type Bff, type BffSettings, type CreateBffOptions } from './createBff';
export { createBffApp, apiRoutes, type AppType } from './app';
export { loadConfig, ConfigError, type BffConfig, type ClusterConfig } from './config/loadConfig';
export { startEmbeddedServer, startDemoWorkload } from './embedded';
export type { AuthProvider } from './auth/AuthProvider';
export { noneAuth } from './auth/noneAuth';
export { ROLES, hasRole, type Role, type AuthUser } from './auth/roles';
export { EventHub } from './events/EventHub';
export * from './query';

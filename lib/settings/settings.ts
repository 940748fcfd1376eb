// The settings model in one import: types and defaults (model.ts), reading
// values of unknown origin (parse.ts, migrate.ts) and per-site rules
// (site-rules.ts). Pure: no browser APIs (store.ts is the storage glue).
export * from './migrate';
export * from './model';
export { parseSettings } from './parse';
export * from './site-rules';

export * from './model.js';
export * from './changes.js';
export * from './effects.js';
export * from './decision.js';
export * from './errors.js';
export { AccessEngine, type BulkModel, type Principal } from './engine.js';
export * from './rules.js';

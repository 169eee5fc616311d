export * from './common';
export * from './source';
export * from './events';
export * from './conversation';
export * from './pattern';
export * from './artifact';
export * from './experiment';
export * from './errors';

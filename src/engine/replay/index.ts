export * from './fixture';
export * from './replay';
export * from './reporters';
export * from './load';

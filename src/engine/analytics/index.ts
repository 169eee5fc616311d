// The analytics stage's public surface (see README.md).
export * from './report';
export * from './storeReport';
export { treeToSvg } from './treeSvg';
export type { TreeSvgOptions } from './treeSvg';
export * from './callFacts';
export * from './errorRepeats';
export * from './kpis';
export * from './quantile';
export * from './roi';
export * from './storeFacts';
export * from './kpiReport';
export * from './patternEffect';
export * from './errorTrends';

// The analytics stage's public surface (see README.md).
export * from './report';
export * from './storeReport';
export { treeToSvg } from './treeSvg';
export type { TreeSvgOptions } from './treeSvg';

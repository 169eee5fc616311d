export * from './publishers';
export * from './artifactPublishing';

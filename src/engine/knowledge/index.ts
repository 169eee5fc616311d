export * from './decisionTree';
export * from './graph';
export * from './toolPatterns';
export * from './synthesize';

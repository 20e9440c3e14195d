export * from './describe';
export * from './faults';
export * from './latency';
export * from './markers';

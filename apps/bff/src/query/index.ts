export * from './parseJobQuery';
export * from './matchJobQuery';

// Conformance harness
export * from './conformance/conformanceCase';
export * from './conformance/conformanceResult';
export * from './conformance/loadConformanceCases';
export * from './conformance/runConformanceCase';
export * from './conformance/runConformance';
export * from './conformance/defineConformanceSuite';
export * from './conformance/toReferenceReport';
export {
  evaluateBodyMap,
  evaluateEquality,
  evaluateExclusiveClaim,
  evaluateResponse,
  matchStatus,
  stepsDocument,
  type AssertionFailure,
  type EvaluationContext,
} from './conformance/evaluateAssertions';
export {
  describeResult,
  describeValue,
  firstDifference,
  found,
  jsonEqual,
  jsonTypeOf,
  matchValue,
  type MatchOptions,
} from './conformance/matchers';
export {
  JsonPathSyntaxError,
  parseJsonPath,
  resolveJsonPath,
  type JsonPathResult,
  type JsonPathSegment,
} from './conformance/jsonPath';
export {
  hasTemplate,
  interpolateTemplates,
  resolveTemplateString,
  resolveTemplates,
  type Resolved,
  type StepResponse,
  type TemplateScope,
} from './conformance/templates';
export { formatGoFloat, formatGoValue } from './conformance/goFormat';

// Serving apps in tests
export * from './serveFetchHandler';

// Data factories
export * from './factories/createRng';
export * from './factories/names';
export * from './factories/makeUuidV7';
export * from './factories/makeEnqueueRequest';
export * from './factories/makeJob';

export { maxBodyBytes, maxOrdersPerRequest } from './api/body-limits';
export { createFeedHandler, type FeedDependencies } from './api/feed';
export type { HttpEvent, HttpResponse } from './api/http';
export { type HttpRequest, toHttpEvent } from './api/http-event';
export { PartnerKeys } from './api/keys';
export { createOperateHandler, type OperateDependencies } from './api/operate';
export { createQueryHandler, type QueryDependencies } from './api/query';
export { accessOf, hasJwtAuthorizer, matchRoute, type RouteMatch, routes } from './api/routes';
export {
  authorizerContext,
  createTokenVerifier,
  type JwtAuthorizerContext,
  type TokenSettings,
  type TokenVerifier,
} from './api/token';
export {
  type ExecutionDetail,
  type ExecutionEvent,
  type ExecutionQuery,
  type ExecutionSource,
  type ExecutionSummary,
  matchesQuery,
} from './executions/source';
export { createOrderRejectedHandler } from './order-rejected';
export { createRecoveryHandler, type RecoveryDependencies } from './recovery-schedule';
export { createSequenceAndStoreHandler } from './sequence-and-store';
export { createValidateHandler } from './validate';

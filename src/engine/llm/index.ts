// The llm stage's public surface (see README.md): optional deep analysis with Claude.
export { LlmClient, LlmConfigError } from './client';
export type { BilledAnswer, LlmClientOptions, StructuredRequest, UsageLedger } from './client';
export { DEFAULT_RETRY, isRetryable, retryAfterMs, withRetries } from './backoff';
export type { RetryPolicy } from './backoff';
export { UnknownModelError, effortForBudget, modelAlias, modelCapabilities } from './models';
export type { ModelCapabilities } from './models';
export { BATCH_DISCOUNT, DEFAULT_PRICES, PriceTableError, PriceTableSchema, ZERO_USAGE, addUsage, costUsd, parsePriceTable, priceFor } from './prices';
export type { ModelPrice, PriceTable, TokenUsage } from './prices';
export { LlmAnswerError, answerJsonSchema, parseAnswer } from './structured';

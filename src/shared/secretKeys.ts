/** Secrets live only in SecretStorage, under these typed keys (kept free of zod: the host reads them at activation). */
export const SecretKeys = {
  anthropicApiKey: 'kaizen.anthropicApiKey',
  /** The workspace HMAC key of every host (read and created by src/engine/workspace.ts). */
  workspaceHmacKey: 'kaizen.hmacKey',
} as const;
export type SecretKey = (typeof SecretKeys)[keyof typeof SecretKeys];

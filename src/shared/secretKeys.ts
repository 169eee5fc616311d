/** Secrets live only in SecretStorage, under these typed keys (kept free of zod: the host reads them at activation). */
export const SecretKeys = {
  anthropicApiKey: 'kaizen.anthropicApiKey',
  /** The workspace HMAC key of every host (read and created by src/engine/workspace.ts). */
  workspaceHmacKey: 'kaizen.hmacKey',
  /** Publishing targets' API keys (Vapi, Retell; a Kaizen endpoint may take one too). */
  vapiApiKey: 'kaizen.vapiApiKey',
  retellApiKey: 'kaizen.retellApiKey',
  kaizenEndpointKey: 'kaizen.endpointKey',
  /** The Ed25519 key this workspace signs collective envelopes with: JSON {keyId, publicKey, privateKey}. */
  collectiveSigningKey: 'kaizen.collectiveSigningKey',
} as const;
export type SecretKey = (typeof SecretKeys)[keyof typeof SecretKeys];

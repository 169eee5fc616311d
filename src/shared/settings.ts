import { z } from 'zod';

/**
 * Every `kaizen.*` setting, parsed with zod. The manifest (`package.json` contributes.configuration)
 * declares the same keys with descriptions for the Settings UI; this schema is what the code reads,
 * so a hand-edited settings.json with a wrong type falls back to the default instead of crashing.
 * Keys are the setting names without the `kaizen.` prefix.
 */
export const SettingsSchema = z.object({
  'store.path': z.string().min(1).catch('.kaizen/learning.db').default('.kaizen/learning.db'),
  /** Terms never redacted (business, product and agent names); redaction itself cannot be switched off. */
  'privacy.allowlist': z.array(z.string().trim().min(1)).catch([]).default([]),
  'privacy.minScore': z.number().min(0).max(1).catch(0.5).default(0.5),
  'privacy.transcriptRetentionDays': z.number().int().positive().nullable().catch(null).default(null),
  'agent.endpointUrl': z.string().catch('').default(''),
  'claude.enabled': z.boolean().catch(false).default(false),
  'claude.model': z.string().min(1).catch('claude-sonnet-4-6').default('claude-sonnet-4-6'),
  'claude.thinkingBudget': z.number().int().min(1024).max(64000).catch(4096).default(4096),
  'tests.fixtureGlob': z.string().min(1).catch('**/*.calls.jsonl').default('**/*.calls.jsonl'),
  'statusBar.enabled': z.boolean().catch(true).default(true),
});
export type Settings = z.output<typeof SettingsSchema>;
export type SettingKey = keyof Settings;
export const SETTING_KEYS = Object.keys(SettingsSchema.shape) as SettingKey[];

/** Parses a flat record of raw values (missing keys take defaults, wrong types fall back). */
export function parseSettings(raw: Partial<Record<SettingKey, unknown>>): Settings {
  return SettingsSchema.parse(raw);
}

export { SecretKeys } from './secretKeys';
export type { SecretKey } from './secretKeys';

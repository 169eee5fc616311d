import { z } from 'zod';
import { CORE_TO_HOST, CORE_TO_WEBVIEW } from './protocol';
import type { WebviewProtocol } from './protocol';
import { ExperimentViewSchema } from './viewModels';

/** The experiment view's messages: the core ones plus choosing an experiment and its statistics. */
export const ExperimentToHostSchema = z.discriminatedUnion('type', [
  ...CORE_TO_HOST,
  z.object({ type: z.literal('selectExperiment'), experimentId: z.string().min(1) }),
]);
export type ExperimentToHost = z.output<typeof ExperimentToHostSchema>;

export const HostToExperimentSchema = z.discriminatedUnion('type', [
  ...CORE_TO_WEBVIEW,
  z.object({ type: z.literal('experiment'), data: ExperimentViewSchema.nullable(), experiments: z.array(z.object({ id: z.string(), name: z.string() })).default([]) }),
]);
export type HostToExperiment = z.output<typeof HostToExperimentSchema>;

export const experimentProtocol = {
  app: 'experiment',
  toHost: ExperimentToHostSchema,
  toWebview: HostToExperimentSchema,
} satisfies WebviewProtocol<ExperimentToHost, z.input<typeof ExperimentToHostSchema>, HostToExperiment, z.input<typeof HostToExperimentSchema>>;
export type ExperimentProtocol = typeof experimentProtocol;

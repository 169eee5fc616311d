import { z } from 'zod';
import { KpiTableSchema } from './kpis';
import { CORE_TO_HOST, CORE_TO_WEBVIEW } from './protocol';
import type { WebviewProtocol } from './protocol';

/** What the dashboard shows: the store's KPIs per prompt version, month and agent (same rows as `kaizen analytics kpis`). */
export const DashboardViewSchema = z.object({
  /** The user's store, or a simulated fleet run (`Kaizen: Simulate a Learning Fleet`). */
  source: z.enum(['store', 'simulation']).default('store'),
  /** Calls in the store the KPIs were computed over. */
  totalCalls: z.number().int().nonnegative(),
  /** Epoch ms of the computation. */
  computedAt: z.number(),
  byVersion: KpiTableSchema,
  byMonth: KpiTableSchema,
  byAgent: KpiTableSchema,
});
export type DashboardView = z.output<typeof DashboardViewSchema>;

/** The dashboard's messages: the core ones plus its data. It refreshes by the core `refresh`. */
export const DashboardToHostSchema = z.discriminatedUnion('type', [...CORE_TO_HOST]);
export type DashboardToHost = z.output<typeof DashboardToHostSchema>;

export const HostToDashboardSchema = z.discriminatedUnion('type', [
  ...CORE_TO_WEBVIEW,
  /** `data: null`: no store yet. */
  z.object({ type: z.literal('kpis'), data: DashboardViewSchema.nullable() }),
]);
export type HostToDashboard = z.output<typeof HostToDashboardSchema>;

export const dashboardProtocol = {
  app: 'dashboard',
  toHost: DashboardToHostSchema,
  toWebview: HostToDashboardSchema,
} satisfies WebviewProtocol<DashboardToHost, z.input<typeof DashboardToHostSchema>, HostToDashboard, z.input<typeof HostToDashboardSchema>>;
export type DashboardProtocol = typeof dashboardProtocol;

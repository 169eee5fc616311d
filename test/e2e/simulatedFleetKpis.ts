// The figures the dashboard's simulated fleet must show, computed by the engine in a process of its own
// (fleet.spec.mjs runs it beside real VS Code): the same seeded simulation, month by month, and the KPI
// tables over the calls so far after each month. Usage: node --import tsx test/e2e/simulatedFleetKpis.ts
// '{"seed":1,"agents":4,"months":6,"callsPerAgentMonth":500}' → one JSON line on stdout.
import { computeKpis } from '../../src/engine/analytics';
import type { CallFacts } from '../../src/engine/analytics';
import { simulateFleet } from '../../src/engine/pipeline';
import type { FleetSimulationOptions } from '../../src/engine/pipeline';
import { createNodePorts } from '../../src/node/nodePorts';

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as Omit<FleetSimulationOptions, 'ports'>;
  const facts: CallFacts[] = [];
  const months: Array<{ month: string; totalCalls: number }> = [];
  // The same ports the extension host builds (its hub keys are random; what agents apply does not depend on them).
  const run = simulateFleet({ ...options, ports: createNodePorts() });
  for (let step = await run.next(); !step.done; step = await run.next()) {
    facts.push(...step.value.facts);
    months.push({ month: step.value.month, totalCalls: facts.length });
  }
  process.stdout.write(
    `${JSON.stringify({
      options,
      months,
      totalCalls: facts.length,
      byVersion: computeKpis(facts, 'prompt-version'),
      byMonth: computeKpis(facts, 'month'),
      byAgent: computeKpis(facts, 'agent'),
    })}\n`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});

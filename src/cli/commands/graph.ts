import { graphToMermaid, neighbours, topPaths } from '../../engine/knowledge';
import type { KnowledgeGraph } from '../../engine/knowledge';
import { CliError, DEFAULT_STORE, ExitCode, writeJsonLine } from '../context';
import { openWorkspace } from '../workspace';
import type { RegisterCommand } from './index';

interface GraphOpts {
  store: string;
  mermaid?: boolean;
  json?: boolean;
  neighbours?: string;
  paths?: string;
  minWeight?: string;
}

export const register: RegisterCommand = (program, ctx) => {
  program
    .command('graph')
    .description('The knowledge graph (intents, situations, moves, tools, errors; weighted edges) from the last `kaizen analyze`.')
    .option('--store <path>', 'learning store file', DEFAULT_STORE)
    .option('--mermaid', 'print a Mermaid flowchart')
    .option('--json', 'print nodes and edges as JSON')
    .option('--neighbours <node>', 'list the neighbours of a node, e.g. "intent:account_access"')
    .option('--paths <node>', 'the most probable paths from a node')
    .option('--min-weight <n>', 'leave lighter edges out of the Mermaid picture', '1')
    .action(async (opts: GraphOpts) => {
      const ws = await openWorkspace(ctx, opts.store);
      try {
        const art = await ws.store.getArtifact('knowledge-graph');
        if (!art || art.payload.kind !== 'knowledge-graph') throw new CliError('no knowledge graph yet; run `kaizen analyze` first', ExitCode.problems);
        const graph: KnowledgeGraph = { nodes: art.payload.nodes as KnowledgeGraph['nodes'], edges: art.payload.edges };
        const check = (id: string) => {
          if (!graph.nodes.some((n) => n.id === id))
            throw new CliError(`no node "${id}"; nodes look like ${graph.nodes.slice(0, 3).map((n) => `"${n.id}"`).join(', ')}`, ExitCode.usage);
        };
        if (opts.neighbours) {
          check(opts.neighbours);
          const list = neighbours(graph, opts.neighbours, { direction: 'both' });
          if (opts.json) for (const n of list) writeJsonLine(ctx.stdout, n);
          else for (const n of list) ctx.stdout.write(`${n.direction === 'out' ? '→' : '←'} ${n.kind.padEnd(24)} ${n.id} (${n.weight})\n`);
        } else if (opts.paths) {
          check(opts.paths);
          const list = topPaths(graph, opts.paths, { k: 10 });
          if (opts.json) for (const p of list) writeJsonLine(ctx.stdout, p);
          else for (const p of list) ctx.stdout.write(`${(p.score * 100).toFixed(1).padStart(5)}%  ${p.nodes.join(' → ')}\n`);
        } else if (opts.json) writeJsonLine(ctx.stdout, { version: art.version, nodes: graph.nodes, edges: graph.edges });
        else if (opts.mermaid) ctx.stdout.write(`${graphToMermaid(graph, { minWeight: Number(opts.minWeight ?? 1) })}\n`);
        else
          ctx.stdout.write(
            `knowledge graph version ${art.version}: ${graph.nodes.length} nodes, ${graph.edges.length} edges (use --mermaid, --json, --neighbours <node> or --paths <node>)\n`,
          );
      } finally {
        await ws.close();
      }
    });
};

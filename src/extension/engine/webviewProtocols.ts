import { dashboardProtocol } from '../../shared/dashboardProtocol';
import { experimentProtocol } from '../../shared/experimentProtocol';
import { patternExplorerProtocol } from '../../shared/patternExplorerProtocol';
import { promptDiffProtocol } from '../../shared/promptDiffProtocol';
import { publishingProtocol } from '../../shared/publishingProtocol';

/** Every webview app's protocol by app name (loaded with the engine bundle: the schemas need zod). */
export const WEBVIEW_PROTOCOLS = { patternExplorer: patternExplorerProtocol, experiment: experimentProtocol, publishing: publishingProtocol, dashboard: dashboardProtocol, promptDiff: promptDiffProtocol } as const;

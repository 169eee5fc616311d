import type { ErrorDetector } from '../errors/detector';
import type { CorrectionRule } from './rules';

type Watch = ReturnType<ErrorDetector['watch']>;

/**
 * Corrections from the error-prevention stage's pre-emptive detector: at each `tool.called`, the
 * detector (fed every earlier event of the call) is asked whether the pending tool call is likely to
 * hit a known error; if so the correction names that `tool.called` event (`basedOnEventId`, and the
 * tool call id in the text), asks the agent not to run it (`stopsTool`), and cites the avoidance rule
 * (`ruleId`) and the error's fingerprint. The live client sends it before the ack that covers the event,
 * so an agent holding the tool call until then can drop it.
 */
export function errorDetectorRule(detector: ErrorDetector): CorrectionRule {
  const watches = new Map<string, Watch>();
  const watchOf = (callId: string): Watch => {
    let w = watches.get(callId);
    if (!w) {
      w = detector.watch();
      watches.set(callId, w);
    }
    return w;
  };
  return {
    id: 'error-detector',
    source: 'learned',
    mode: 'silent',
    repeatable: true,
    evaluate(event) {
      if (event.type !== 'tool.called') return undefined;
      const [top] = watchOf(event.callId).warn({ name: event.name, arguments: event.arguments });
      if (!top) return undefined;
      return {
        text: `Do not run ${event.name} yet (tool call ${event.toolCallId}): ${top.text} (a learned rule expects error ${top.fingerprint} with probability ${top.probability.toFixed(2)}).`,
        stopsTool: true,
        ruleId: top.rule,
        fingerprint: top.fingerprint,
      };
    },
    observe(event) {
      if (event.type === 'call.ended') {
        watches.delete(event.callId);
        return;
      }
      // Post-call feedback says nothing about a tool call to come (and must not reopen a finished call).
      if (event.type !== 'feedback') watchOf(event.callId).add(event);
    },
  };
}

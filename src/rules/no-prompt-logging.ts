import { createRule } from '../util/create-rule.js';
import { LOGGING_DEFAULTS, type LoggingOptions, logSinkIsReported, loggingOptionsSchema, reportFlowFindings } from '../util/flow-rule.js';

export type Options = [LoggingOptions];
export type MessageIds = 'promptLogged';

export const noPromptLogging = createRule<Options, MessageIds>({
  name: 'no-prompt-logging',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow prompts and chat histories from reaching logs or telemetry',
      recommended: true,
      requiresTypeChecking: true,
    },
    messages: {
      promptLogged:
        'Prompt data from {{source}} ({{where}}) is written to {{destination}} by {{sink}}. Prompts hold what users typed; log their length or an id instead.',
    },
    schema: loggingOptionsSchema('Extra functions or types whose values are prompt or conversation data.'),
    defaultOptions: [LOGGING_DEFAULTS],
  },
  create(context, [options]) {
    return {
      Program() {
        reportFlowFindings(
          context,
          { promptSources: options.sources, logSinks: options.sinks, sanitizers: options.sanitizers },
          finding => (finding.taint.kind === 'prompt' && logSinkIsReported(finding, options) ? 'promptLogged' : undefined),
        );
      },
    };
  },
});

export default noPromptLogging;

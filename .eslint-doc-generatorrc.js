/** @type {import('eslint-doc-generator').GenerateOptions} */
export default {
  configEmoji: [
    ['recommended', '✅'],
    ['strict', '🔒'],
  ],
  ignoreConfig: ['all'],
  ruleDocTitleFormat: 'desc-parens-prefix-name',
  ruleDocSectionInclude: ['Rule Details', 'Examples', 'When Not To Use It', 'Further Reading'],
  ruleListColumns: ['name', 'description', 'configsError', 'requiresTypeChecking', 'hasSuggestions', 'options'],
};

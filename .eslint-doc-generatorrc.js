/** @type {import('eslint-doc-generator').GenerateOptions} */
export default {
  configEmoji: [
    ['recommended', '✅'],
    ['strict', '🔒'],
  ],
  ignoreConfig: ['all'],
  ruleDocTitleFormat: 'desc-parens-prefix-name',
  // The generator would also ask for the nested fields of TypeOrValueSpecifier (`from`, `package`, `path`);
  // tests/meta checks instead that every top-level option has its own `### \`option\`` section.
  ruleDocSectionOptions: false,
  ruleDocSectionInclude: ['Rule Details', 'Examples', 'When Not To Use It', 'Further Reading'],
  ruleListColumns: ['name', 'description', 'configsError', 'requiresTypeChecking', 'hasSuggestions', 'options'],
};

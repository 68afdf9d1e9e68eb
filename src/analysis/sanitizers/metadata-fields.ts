import { METADATA_FIELD_PATTERN, METADATA_PROPERTIES } from '../../knowledge/llm-sdks.js';
import { COUNT_PROPERTIES } from '../../knowledge/propagation.js';

/**
 * Fields that describe a message or a response instead of carrying its text: SDK metadata
 * (`usage`, `model`, `finish_reason`), who spoke and when (`role`, `createdAt`), ids, counts and
 * sizes (`chatId`, `length`). Reading one gives a clean value, typed or not.
 */
export function isMetadataField(name: string | undefined): boolean {
  return name !== undefined && (METADATA_PROPERTIES.has(name) || COUNT_PROPERTIES.has(name) || METADATA_FIELD_PATTERN.test(name));
}

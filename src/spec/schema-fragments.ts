/** Schema pieces several sections share (constraints from the WorkSpaces API model). */
import { rawSchema, str } from './schema-builders.js';

export const ACCOUNT_ID = str('A 12-digit AWS account id (quote it in YAML).', { title: '12-digit AWS account id', pattern: '^\\d{12}$' });
export const REGION = str('AWS Region, e.g. us-east-1.', { title: 'AWS Region name', pattern: '^[a-z]{2}(-[a-z]+)+-\\d$' });
export const HTTP_URL = '^(http|https)://\\S+$';

export const TAGS = rawSchema<Record<string, string>>({
  type: 'object',
  description:
    'Tags (key: value, values are strings). At most 50 per resource; keys 1–127 characters, values up to 255; keys starting with `aws:` or `wsr:` are reserved.',
  maxProperties: 50,
  propertyNames: { minLength: 1, maxLength: 127 },
  additionalProperties: str('Tag value (up to 255 characters).', { maxLength: 255 }),
});

/** A resource description as the API allows it (images, bundles, pools). */
export const DESCRIPTION = { title: 'description (letters, digits, space and _./()-)', minLength: 1, maxLength: 255, pattern: '^[a-zA-Z0-9_./() -]+$' };

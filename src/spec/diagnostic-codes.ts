/**
 * Every diagnostic code the spec loader reports, with what it means. Codes are stable: tests,
 * CI annotations and the daemon's status rely on them. A unit test keeps this list and the
 * codes used in src/spec in step, and checks each one is exercised.
 */
export const SPEC_DIAGNOSTIC_CODES = {
  // the file and its YAML
  SPEC_UNREADABLE: 'The spec file cannot be read (missing, a directory, no permission).',
  SPEC_TOO_LARGE: 'The spec is over the 10 MB cap.',
  SPEC_BINARY: 'The spec holds NUL or control characters: not a YAML text file.',
  SPEC_NOT_UTF8: 'The spec is not valid UTF-8.',
  SPEC_EMPTY: 'The spec holds no document (empty or only comments).',
  SPEC_YAML_SYNTAX: 'The YAML does not parse (or holds several documents).',
  SPEC_YAML_WARNING: 'The YAML parser warned (e.g. an unknown tag); the spec still loads.',
  SPEC_DUPLICATE_KEY: 'A mapping has the same key twice.',
  SPEC_TAB_INDENT: 'Tabs are used for indentation.',
  SPEC_ALIAS_LIMIT: 'Aliases expand more than the cap allows (an "alias bomb").',
  SPEC_TOO_DEEP: 'Nesting is deeper than the cap.',
  SPEC_NOT_A_MAP: 'The top level is a list or a scalar, not a mapping.',
  // header and schema
  SPEC_API_VERSION: 'apiVersion is missing or not wsr/v1.',
  SPEC_KIND: 'kind is missing or not Environment.',
  SPEC_UNKNOWN_FIELD: 'A field the format does not have (at any depth); the closest known name is suggested.',
  SPEC_MISSING_FIELD: 'A required field is missing.',
  SPEC_TYPE: 'A value has the wrong type (e.g. a number where a quoted string is needed).',
  SPEC_ENUM: 'A value is not one of the allowed values.',
  SPEC_PATTERN: 'A value does not have the required form (account id, CIDR, resource id, URL…).',
  SPEC_LENGTH: 'A string (or map key) is empty, too short or too long.',
  SPEC_RANGE: 'A number is outside its allowed range.',
  SPEC_ITEMS: 'A list (or map) has too few or too many entries.',
  SPEC_DUPLICATE_ITEM: 'A list that must hold distinct values repeats one.',
  SPEC_SCHEMA: 'Any other schema rule.',
  // whole-spec checks
  SPEC_UNKNOWN_REF: 'A reference names a directory, bundle, image, IP group or workspace the spec does not declare.',
  SPEC_DUPLICATE_RESOURCE: 'Two entries produce the same resource key.',
  SPEC_DUPLICATE_WORKSPACE: 'Two workspaces have the same directory, user (and workspace name).',
  SPEC_IMAGE_SOURCE:
    'An image has no source or several (fromWorkspace, copyFrom, importByol, importCustom, updatedFrom, id), or an importCustom with not exactly one of ec2ImageId, ec2ImportTaskId, imageBuildVersionArn.',
  SPEC_APPLICATION_TARGET: 'An application association names no target or several.',
  SPEC_WORKSPACE_NAME_USERS: 'A template with workspaceName lists more than one user.',
  SPEC_USERS_SOURCE: 'users is a mapping without exactly one of fromGroup and fromFile, or has column without fromFile.',
  SPEC_GROUP_NO_LDAP: 'users.fromGroup in a template whose directory has no ldap settings (or is not declared).',
  SPEC_LDAP_PASSWORD_SOURCE: 'ldap bindDn without a password source, both bindPasswordEnv and bindPasswordFile, or a password without bindDn.',
  SPEC_POLICY_PROTECT: 'policy.protect names a kind that does not exist.',
  SPEC_WINDOW: 'A change window has a bad cron schedule, an unknown time zone or a zero duration.',
  SPEC_POLICY_CONFLICT: 'Policy settings contradict each other (rollout rebuild with maxDestroy 0).',
  // rules the API enforces
  SPEC_AUTOSTOP_ALWAYS_ON: 'autoStopTimeoutMinutes given for an ALWAYS_ON workspace.',
  SPEC_AUTOSTOP_STEP: 'autoStopTimeoutMinutes is not a multiple of 60.',
  SPEC_STATE_ALWAYS_ON: 'An ALWAYS_ON workspace is asked to be stopped.',
  SPEC_VOLUME_COMBO: 'Root and user volume sizes the API does not accept together.',
  SPEC_VOLUME_BELOW_BUNDLE: "A workspace pins a volume smaller than its bundle's (a migrate would grow it, and volumes never shrink).",
  SPEC_IPGROUP_RULES: 'An IP group has more than 10 rules.',
  SPEC_IPGROUPS_PER_DIRECTORY: 'A directory has more than 25 IP groups.',
  SPEC_ALIAS_DIRECTORIES: 'A connection alias is associated with more than one directory.',
  SPEC_BRANDING_CONTACT: 'Client branding gives both supportEmail and supportLink.',
  SPEC_ADDIN_PER_DIRECTORY: 'A directory has more than one Connect client add-in.',
  SPEC_TAG_LIMIT: 'More than 50 tags on a resource (counting defaults).',
  SPEC_TAG_RESERVED: 'A tag key starts with the reserved aws: or wsr: prefix.',
  SPEC_LOGO: 'A client branding logo file is missing, empty or too large.',
  // across spec files (validate A B…, the daemon's directory)
  SPEC_DIRECTORY_MANAGED_TWICE:
    'Two environments of one account and Region declare one directory under directories; one owns it, the others reference it by id.',
  // the loader itself
  SPEC_INTERNAL: 'A bug in the loader, reported as a diagnostic rather than a crash.',
} as const;

export type SpecDiagnosticCode = keyof typeof SPEC_DIAGNOSTIC_CODES;

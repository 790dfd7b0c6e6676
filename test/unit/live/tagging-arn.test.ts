import { describe, expect, it } from 'vitest';
import { idOfArn, resourceTypeFilterOf, taggingTypeOf } from '../../../src/live/tagging-arn.js';

const EXAMPLES: [id: string, type: string][] = [
  ['ws-abc123def4', 'workspace'],
  ['d-9067a1b2c3', 'directory'],
  ['wsd-abc123def4', 'directory'],
  ['wsb-1a2b3c4d5', 'workspacebundle'],
  ['wsi-1a2b3c4d5', 'workspaceimage'],
  ['wsipg-1a2b3c4d5', 'workspaceipgroup'],
  ['wsca-1a2b3c4d5e6f', 'connectionalias'],
  ['wspool-1a2b3c4d5', 'workspacespool'],
];

describe('tagging ARNs of WorkSpaces resources', () => {
  it.each(EXAMPLES)('%s is a %s, and its ARN maps back to it', (id, type) => {
    expect(taggingTypeOf(id)).toBe(type);
    expect(resourceTypeFilterOf(type)).toBe(`workspaces:${type}`);
    expect(idOfArn(`arn:aws:workspaces:eu-west-1:123456789012:${type}/${id}`)).toBe(id);
  });

  it('reads ARNs of other partitions too', () => {
    expect(idOfArn('arn:aws-us-gov:workspaces:us-gov-west-1:123456789012:workspace/ws-abc123def4')).toBe('ws-abc123def4');
  });

  it('an IP group is not taken for an image (the longer prefix wins)', () => {
    expect(taggingTypeOf('wsipg-1')).toBe('workspaceipgroup');
  });

  it('ignores ARNs of other services, mismatched types and malformed ones rather than guessing', () => {
    expect(idOfArn('arn:aws:ec2:us-east-1:123456789012:instance/i-0abc')).toBeUndefined();
    expect(idOfArn('arn:aws:workspaces:us-east-1:123456789012:directory/ws-abc123def4')).toBeUndefined();
    expect(idOfArn('arn:aws:workspaces:us-east-1:123456789012:workspace/')).toBeUndefined();
    expect(idOfArn('arn:aws:workspaces:us-east-1:123456789012:ws-abc123def4')).toBeUndefined();
    expect(idOfArn('not an arn')).toBeUndefined();
  });

  it('has no type for an id the tagging API does not know', () => {
    expect(taggingTypeOf('acct-link-1')).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { resolveTaggingEndpoint } from '../../../src/aws/client.js';

describe('the Resource Groups Tagging API endpoint', () => {
  it('is the emulator when the WorkSpaces endpoint is a loopback one (it serves GetResources on the same port)', () => {
    expect(resolveTaggingEndpoint('http://127.0.0.1:4566', {})).toBe('http://127.0.0.1:4566');
    expect(resolveTaggingEndpoint(undefined, { AWS_ENDPOINT_URL_WORKSPACES: 'http://localhost:4566' })).toBe('http://localhost:4566');
  });

  it('is never a WorkSpaces VPC endpoint, which would not know the operation', () => {
    expect(resolveTaggingEndpoint('https://vpce-0abc.workspaces.us-east-1.vpce.amazonaws.com', {})).toBeUndefined();
  });

  it('honours its own variable, then the general one', () => {
    const own = { AWS_ENDPOINT_URL_RESOURCE_GROUPS_TAGGING_API: 'https://tagging.example', AWS_ENDPOINT_URL: 'https://all.example' };
    expect(resolveTaggingEndpoint(undefined, own)).toBe('https://tagging.example');
    expect(resolveTaggingEndpoint(undefined, { AWS_ENDPOINT_URL: 'https://all.example' })).toBe('https://all.example');
  });
});

import { describe, expect, it } from 'vitest';
import { isLoopbackEndpoint, resolveEndpoint, resolveStsEndpoint } from '../../../src/aws/client.js';

describe('endpoint precedence', () => {
  it('takes --endpoint over AWS_ENDPOINT_URL_WORKSPACES over AWS_ENDPOINT_URL', () => {
    const env = { AWS_ENDPOINT_URL_WORKSPACES: 'http://ws.local', AWS_ENDPOINT_URL: 'http://all.local' };
    expect(resolveEndpoint('http://flag.local', env)).toBe('http://flag.local');
    expect(resolveEndpoint(undefined, env)).toBe('http://ws.local');
    expect(resolveEndpoint(undefined, { AWS_ENDPOINT_URL: 'http://all.local' })).toBe('http://all.local');
    expect(resolveEndpoint(undefined, {})).toBeUndefined();
  });

  it('sends STS to a loopback WorkSpaces endpoint (the emulator serves both)', () => {
    expect(resolveStsEndpoint(undefined, { AWS_ENDPOINT_URL_WORKSPACES: 'http://127.0.0.1:4566' })).toBe('http://127.0.0.1:4566');
  });

  it('never sends STS to a real WorkSpaces VPC endpoint', () => {
    expect(resolveStsEndpoint(undefined, { AWS_ENDPOINT_URL_WORKSPACES: 'https://vpce-0abc.workspaces.eu-west-1.vpce.amazonaws.com' })).toBeUndefined();
    expect(resolveStsEndpoint(undefined, { AWS_ENDPOINT_URL_WORKSPACES: 'https://vpce.example', AWS_ENDPOINT_URL_STS: 'https://sts.example' })).toBe(
      'https://sts.example',
    );
  });

  it.each([
    ['http://127.0.0.1:8080', true],
    ['http://localhost:1', true],
    ['http://[::1]:9', true],
    ['http://[::ffff:127.0.0.1]:4599', true],
    ['http://[0:0:0:0:0:0:0:1]:4599', true],
    ['http://LOCALHOST:1', true],
    ['http://localhost.:1', true],
    ['http://emulator.localhost:1', true],
    ['http://127.1:1', true],
    ['http://[::ffff:10.0.0.1]:1', false],
    ['http://localhost.example.com:1', false],
    ['http://127.0.0.1.nip.io:1', false],
    ['https://workspaces.us-east-1.amazonaws.com', false],
    ['not a url', false],
    [undefined, false],
  ])('isLoopbackEndpoint(%s) is %s', (endpoint, expected) => {
    expect(isLoopbackEndpoint(endpoint)).toBe(expected);
  });
});

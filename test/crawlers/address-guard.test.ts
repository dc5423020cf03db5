import { describe, expect, it } from 'vitest';
import { assertPublicUrl, classifyAddress } from '../../crawlers/address-guard.js';

describe('classifyAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.8.9.10', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['100.64.0.1', 'cgnat'],
    ['100.127.255.255', 'cgnat'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['fc00::1', 'private'],
    ['fd12:3456::1', 'private'],
    ['fe80::1', 'link-local'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:192.168.0.1', 'private'],
    ['[::1]', 'loopback'],
    ['8.8.8.8', 'public'],
    ['172.32.0.1', 'public'],
    ['100.128.0.1', 'public'],
    ['2400:3200::1', 'public'],
    ['not-an-ip', 'invalid'],
  ])('%s is %s', (ip, kind) => {
    expect(classifyAddress(ip)).toBe(kind);
  });
});

describe('assertPublicUrl', () => {
  it('refuses loopback literals and names resolving to loopback', async () => {
    await expect(assertPublicUrl('http://127.0.0.1:8080/x')).rejects.toMatchObject({
      code: 'E_FETCH_PRIVATE_ADDRESS',
    });
    await expect(assertPublicUrl('http://[::1]/')).rejects.toMatchObject({ code: 'E_FETCH_PRIVATE_ADDRESS' });
    await expect(assertPublicUrl('http://localhost/')).rejects.toMatchObject({
      code: 'E_FETCH_PRIVATE_ADDRESS',
    });
  });
});

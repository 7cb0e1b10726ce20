import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type AddressClass, classifyAddress } from './net-policy.js';

test('classifyAddress: public addresses pass, every non-public range is named, IPv4 inside IPv6 is judged as IPv4', () => {
  for (const a of ['8.8.8.8', '93.184.216.34', '172.32.0.1', '100.128.0.1', '2606:4700::1111', '2a00:1450::1', '64:ff9b::808:808']) assert.equal(classifyAddress(a), null, a);
  const cases: [string, AddressClass][] = [
    ['127.0.0.1', 'loopback'], ['127.255.255.254', 'loopback'], ['::1', 'loopback'], ['[::1]', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'], ['::ffff:7f00:1', 'loopback'], ['::127.0.0.1', 'loopback'], ['64:ff9b::7f00:1', 'loopback'], ['2002:7f00:1::', 'loopback'],
    ['10.0.0.1', 'private'], ['172.16.0.1', 'private'], ['172.31.0.1', 'private'], ['192.168.0.1', 'private'], ['fc00::1', 'private'], ['fd00::1', 'private'], ['fec0::1', 'private'], ['::ffff:10.1.1.1', 'private'],
    ['169.254.169.254', 'link-local'], ['fe80::1', 'link-local'], ['fe80::1%eth0', 'link-local'], ['::ffff:169.254.169.254', 'link-local'],
    ['100.64.0.1', 'shared'], ['0.0.0.0', 'unspecified'], ['0.1.2.3', 'unspecified'], ['::', 'unspecified'],
    ['224.0.0.1', 'multicast'], ['239.255.255.255', 'multicast'], ['ff02::1', 'multicast'], ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'], ['192.0.2.1', 'reserved'], ['198.18.0.1', 'reserved'], ['2001:db8::1', 'reserved'], ['2001::1', 'reserved'], ['not-an-ip', 'reserved'],
  ];
  for (const [a, cls] of cases) assert.equal(classifyAddress(a), cls, a);
});

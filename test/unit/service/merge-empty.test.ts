import { describe, expect, it } from 'vitest';
import { mergeOverCurrent } from '../../../src/service/merge';

/* A partial definition that names an object field with nothing in it changes nothing: only the
 * leaves the flags set replace what the service holds. */

const T = '0191dce4-9ab4-7fce-b660-8e5dec5172da';
const tcp = { name: 'db', type: 'tcp', host: { ipv4: '10.0.0.1', network: { tunnel_id: T } }, tcp_port: 5432, tls_settings: { cert_verification_mode: 'verify_ca' } };

describe('mergeOverCurrent with empty objects', () => {
  it.each<['service' | 'file']>([['service'], ['file']])('an empty host or tls_settings keeps the current ones (%s)', (base) => {
    expect(mergeOverCurrent(tcp, { host: {} }, { base })).toStrictEqual(tcp);
    expect(mergeOverCurrent(tcp, { tls_settings: {} }, { base })).toStrictEqual(tcp);
    expect(mergeOverCurrent(tcp, { host: {}, tls_settings: {}, tcp_port: 1 }, { base })).toStrictEqual({ ...tcp, tcp_port: 1 });
  });
});

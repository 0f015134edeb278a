import { describe, expect, it } from 'vitest';
import { checkPartial } from '../../../src/service/schema';
import { renderProblem } from '../../../src/service/problems';

const T = '0191dce4-9ab4-7fce-b660-8e5dec5172da';
const lines = (partial: Record<string, unknown>) => checkPartial(partial, 'text').problems.map((p) => renderProblem(p, { kind: 'json' }));

// What update refuses before the GET: the values, and the rules the given fields break among
// themselves; never a field the partial lacks, which the service it is laid over may have.
describe('a partial definition on its own', () => {
  it.each<[string, Record<string, unknown>]>([
    ['nothing', {}],
    ['a tunnel alone (no host form, which the service has)', { host: { network: { tunnel_id: T } } }],
    ['resolver ips alone', { host: { resolver_network: { resolver_ips: ['10.0.0.53'] } } }],
    ['an address without a tunnel', { host: { ipv4: '10.0.0.1' } }],
    ['a hostname without a tunnel', { host: { hostname: 'a.b' } }],
    ['tcp without a port', { type: 'tcp' }],
    ['a port without a type', { http_port: '80', tcp_port: '1' }],
  ])('%s: no problem', (_, partial) => {
    expect(lines(partial)).toEqual([]);
  });

  it('the values are cleaned', () => {
    expect(checkPartial({ tcp_port: ' 6543 ', host: { ipv4: ' 10.0.0.1 ' } }, 'text').value).toEqual({ tcp_port: 6543, host: { ipv4: '10.0.0.1' } });
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    ['a bad value and the combination of host forms', { host: { hostname: 'http://x', ipv4: '10.0.0.1' } }, [
      'host.hostname: must be a bare hostname without a scheme such as https:// (got "http://x")',
      'host.hostname: cannot be combined with host.ipv4 or host.ipv6: a service has one host form',
    ]],
    ['resolver ips with an address', { host: { ipv6: 'fd00::1', resolver_network: { resolver_ips: ['10.0.0.53'] } } }, ['host.resolver_network.resolver_ips: only with host.hostname']],
    ['a field of the other type', { type: 'http', tcp_port: '1' }, ['tcp_port: only with type tcp (an http service uses http_port / https_port)']],
    ['a certificate authority with verification off', { tls_settings: { cert_verification_mode: 'disabled', certificate_authority: T } }, [
      'tls_settings.certificate_authority: not allowed with tls_settings.cert_verification_mode disabled',
    ]],
  ])('%s', (_, partial, expected) => {
    expect(lines(partial)).toEqual(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { TUNNEL } from '../support/fake-api';
import { useFakeApi } from '../support/use-fake';
import { runInProcess } from '../support/in-process';

/*
 * The service flags' help comes from the field table (names, arguments, help texts, groups, order):
 * the exact text a user reads, at 80 columns, for both commands that take the flags.
 */
const fake = useFakeApi();

const SERVICE_FLAGS_HELP = `Service:
  --name <name>                    service name (or give it as the first
                                   argument)
  --type <type>                    service type: tcp or http

Host (one form: --ipv4, --ipv6, both, or --hostname):
  --ipv4 <addr>                    IPv4 address of the host, e.g. 10.0.0.1
  --ipv6 <addr>                    IPv6 address of the host; with --ipv4 = dual
                                   stack
  --hostname <host>                hostname resolved inside the private network
                                   (tcp: host:port sets --tcp-port)
  --resolver-ips <ip,...>          DNS resolvers for --hostname (comma list or
                                   repeat the flag)
  --tunnel <uuid>                  UUID of the Cloudflare Tunnel that reaches
                                   the host

Ports and protocol:
  --tcp-port <n>                   tcp: port of the host (required for tcp)
  --app-protocol <protocol>        tcp: application protocol: postgresql or
                                   mysql
  --http-port <n>                  http: plain HTTP port
  --https-port <n>                 http: HTTPS port

TLS to the host:
  --cert-verification-mode <mode>  certificate check: verify_full (the default),
                                   verify_ca or disabled
  --certificate-authority <uuid>   CA certificate id (not with disabled)
  --client-certificate <uuid>      mTLS client certificate id

`;

const section = (help: string) => help.slice(help.indexOf('Service:\n'), help.indexOf('Input:\n'));

describe('service flags in help', () => {
  it.each([['create'], ['update']])('%s --help lists them exactly, grouped, the tunnel after the resolvers', async (cmd) => {
    const r = await runInProcess([cmd, '--help'], fake);
    expect(r.exitCode).toBe(0);
    expect(section(r.stdout)).toBe(SERVICE_FLAGS_HELP);
    // The hidden alias is accepted but not listed.
    expect(r.stdout).not.toContain('--tunnel-id');
  });
});

describe('a list flag', () => {
  it('--resolver-ips takes a comma list and may be repeated; --tunnel-id is --tunnel', async () => {
    const r = await runInProcess(['create', 'gw', '--type', 'http', '--hostname', 'gw.internal', '--resolver-ips', '10.0.0.1,10.0.0.2', '--resolver-ips', 'fd00::53', '--tunnel-id', TUNNEL, '--dry-run', '--json'], fake);
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout).body).toStrictEqual({
      name: 'gw', type: 'http', host: { hostname: 'gw.internal', resolver_network: { tunnel_id: TUNNEL, resolver_ips: ['10.0.0.1', '10.0.0.2', 'fd00::53'] } },
    });
  });
});

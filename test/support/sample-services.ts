import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach } from 'vitest';
import { ACCOUNT, TUNNEL } from './fake-api';
import { tempDir } from './run-cli';

/** The path of the services collection of the default account. */
export const SERVICES = `/accounts/${ACCOUNT}/connectivity/directory/services`;
export const CA = '5a0c3e3e-1f2b-4c9d-8e7f-6a5b4c3d2e1f';

/** An http service with every optional field set, so a read-modify-write that drops one shows. */
export const web = {
  name: 'web',
  type: 'http',
  host: { hostname: 'web.internal', resolver_network: { tunnel_id: TUNNEL, resolver_ips: ['10.0.0.53', 'fd00::53'] } },
  http_port: 80,
  https_port: 443,
  tls_settings: { cert_verification_mode: 'verify_ca', certificate_authority: CA },
};
/** A dual-stack tcp service with app protocol and TLS, for the same reason. */
export const db = {
  name: 'db',
  type: 'tcp',
  host: { ipv4: '10.0.0.5', ipv6: 'fd00::5', network: { tunnel_id: TUNNEL } },
  tcp_port: 5432,
  app_protocol: 'postgresql',
  tls_settings: { cert_verification_mode: 'verify_full' },
};
/** n distinct valid services, names sorted as numbered, enough to need several pages. */
export const manyServices = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    name: `svc-${String(i).padStart(5, '0')}`,
    type: i % 3 === 0 ? 'tcp' : 'http',
    host: { ipv4: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, network: { tunnel_id: TUNNEL } },
    ...(i % 3 === 0 ? { tcp_port: 5432 } : {}),
  }));

/** A tcp definition as a --file would hold it; extra overrides or adds fields. */
export const def = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  type: 'tcp',
  host: { ipv4: '10.0.0.1', network: { tunnel_id: TUNNEL } },
  tcp_port: 5432,
  ...extra,
});
/** An http definition by hostname as a --file would hold it. */
export const httpDef = (name: string) => ({ name, type: 'http', host: { hostname: `${name}.internal`, resolver_network: { tunnel_id: TUNNEL, resolver_ips: ['10.0.0.53'] } }, https_port: 443 });

/** A plain tcp service on the given port. */
export const tcpService = (name: string, port = 5432) => ({ name, type: 'tcp', host: { ipv4: '10.0.0.1', network: { tunnel_id: TUNNEL } }, tcp_port: port });
/** The argv that creates tcpService(name) from flags. */
export const createArgs = (name: string, tunnel = TUNNEL) => ['create', name, '--type', 'tcp', '--ipv4', '10.0.0.1', '--tunnel', tunnel, '--tcp-port', '5432'];

/** One service per host form that decides which flags fit: http by IPv4, tcp by hostname, tcp by IPv4. */
export const hostForms = {
  web: { name: 'web', type: 'http', host: { ipv4: '10.0.0.1', network: { tunnel_id: TUNNEL } }, https_port: 443 },
  db: { name: 'db', type: 'tcp', host: { hostname: 'db.internal', resolver_network: { tunnel_id: TUNNEL } }, tcp_port: 5432 },
  ipDb: { name: 'ipdb', type: 'tcp', host: { ipv4: '10.0.0.5', network: { tunnel_id: TUNNEL } }, tcp_port: 5432 },
};

/** Gives each test of the calling describe a fresh folder: dir() is its path, file() writes a file there and returns its path. */
export const useFileDir = () => {
  let path: string;
  beforeEach(() => {
    path = tempDir();
  });
  const file = (name: string, text: string) => {
    const p = join(path, name);
    writeFileSync(p, text);
    return p;
  };
  return { dir: () => path, file };
};

import { TUNNEL, TUNNEL_2 } from './fake-api';

export const CA = '5a5d4a3b-2c1d-4e0f-9a8b-7c6d5e4f3a2b';
export const CLIENT = '6b6e5b4c-3d2e-4f10-8b9c-8d7e6f5a4b3c';

/** Every host form, both types with and without their optional fields, and hostile names. */
export const SERVICES: Record<string, unknown>[] = [
  { name: 'plain-tcp', type: 'tcp', host: { ipv4: '10.0.0.1', network: { tunnel_id: TUNNEL } }, tcp_port: 5432 },
  { name: 'q"uote \\back\\slash', type: 'tcp', host: { ipv6: 'fd00::1', network: { tunnel_id: TUNNEL } }, tcp_port: 3306, app_protocol: 'mysql' },
  { name: '${x} and %{if true}y%{endif} $${z}', type: 'tcp', host: { ipv4: '10.0.0.2', ipv6: 'fd00::2', network: { tunnel_id: TUNNEL_2 } }, tcp_port: 6543, app_protocol: 'postgresql', tls_settings: { cert_verification_mode: 'verify_ca' } },
  { name: 'Ünïcödé café 🎉', type: 'http', host: { hostname: 'app.internal', resolver_network: { tunnel_id: TUNNEL, resolver_ips: ['10.0.0.53', 'fd00::53'] } }, http_port: 8080, https_port: 8443 },
  { name: '🎉', type: 'http', host: { hostname: 'party.internal', resolver_network: { tunnel_id: TUNNEL } }, https_port: 443 },
  { name: '✨', type: 'http', host: { ipv4: '10.0.0.9', network: { tunnel_id: TUNNEL } }, http_port: 80 },
  { name: 'db main', type: 'tcp', host: { hostname: 'db.internal', resolver_network: { tunnel_id: TUNNEL } }, tcp_port: 5432 },
  { name: 'DB_Main', type: 'tcp', host: { ipv4: '10.0.0.3', network: { tunnel_id: TUNNEL } }, tcp_port: 5433 },
  { name: 'line\nbreak\ttab\u0001bell\u007f', type: 'http', host: { ipv6: 'fd00::3', network: { tunnel_id: TUNNEL } }, https_port: 443, tls_settings: { cert_verification_mode: 'disabled' } },
  {
    name: 'mtls-api',
    type: 'http',
    host: { hostname: 'api.internal', resolver_network: { tunnel_id: TUNNEL } },
    https_port: 443,
    tls_settings: { cert_verification_mode: 'verify_full', certificate_authority: CA, client_certificate: CLIENT },
  },
];


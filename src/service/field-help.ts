/**
 * What each field of a definition means, by its JSON path: the text editors show from the JSON
 * Schema (`vpcsvc schema`). `{path}` names another field; a renderer turns it into that field's
 * JSON path or flag, as problem messages do.
 */
export const FIELD_HELP: Record<string, string> = {
  name: 'Service name, unique in the account; `apply` matches services by it.',
  type: 'Service type: tcp (one port, optionally with {app_protocol}) or http ({http_port} / {https_port}).',
  host: 'Where the service runs, in one form: {host.ipv4}, {host.ipv6}, both (dual stack), or {host.hostname}.',
  'host.ipv4': 'IPv4 address of the host, e.g. 10.0.0.1; with {host.ipv6} = dual stack. Needs {host.network}.',
  'host.ipv6': 'IPv6 address of the host, e.g. fd00::1; with {host.ipv4} = dual stack. Needs {host.network}.',
  'host.hostname': 'Hostname resolved inside the private network, e.g. db.internal. Needs {host.resolver_network}.',
  'host.network': 'The tunnel that reaches an IP host.',
  'host.network.tunnel_id': 'UUID of the Cloudflare Tunnel that reaches the host.',
  'host.resolver_network': 'The tunnel (and optionally the DNS resolvers) that reach a hostname.',
  'host.resolver_network.tunnel_id': 'UUID of the Cloudflare Tunnel that reaches the host.',
  'host.resolver_network.resolver_ips': 'DNS resolvers (IPv4 or IPv6 addresses) that resolve {host.hostname}; default: the tunnel\'s own.',
  tcp_port: 'tcp only, required: port of the host, 1 to 65535.',
  app_protocol: 'tcp only: application protocol spoken on {tcp_port}: postgresql or mysql.',
  http_port: 'http only: plain HTTP port, 1 to 65535 (the API\'s default: 80).',
  https_port: 'http only: HTTPS port, 1 to 65535 (the API\'s default: 443).',
  tls_settings: 'TLS to the host. Omitted: the API\'s default, verify_full.',
  'tls_settings.cert_verification_mode': 'Certificate check: verify_full (the default), verify_ca or disabled.',
  'tls_settings.certificate_authority': 'Id (UUID) of the CA certificate that signs the host\'s certificate; not with disabled.',
  'tls_settings.client_certificate': 'Id (UUID) of the client certificate presented to the host (mTLS).',
  service_id: 'Read-only, set by the API: accepted (so `get --json` output can be given back) and ignored.',
  created_at: 'Read-only, set by the API: accepted and ignored.',
  updated_at: 'Read-only, set by the API: accepted and ignored.',
};

/** The help of a field with `{path}` references written as JSON paths. */
export function fieldHelp(path: string): string {
  return (FIELD_HELP[path] ?? '').replace(/\{([a-z0-9_.]+)\}/g, '$1');
}

import type { FakeTunnel } from './fake-tunnels';

/** Doctor's view of the world: tunnels in every state, their connectors, and services pointing at them. */
export interface Row {
  check: string;
  subject: string;
  status: string;
  message: string;
  hint: string | null;
}

export const T = {
  healthy: '11111111-1111-4111-8111-111111111111',
  degraded: '22222222-2222-4222-8222-222222222222',
  down: '33333333-3333-4333-8333-333333333333',
  inactive: '44444444-4444-4444-8444-444444444444',
  deleted: '55555555-5555-4555-8555-555555555555',
  old: '66666666-6666-4666-8666-666666666666',
  missing: '77777777-7777-4777-8777-777777777777',
};
export const C1 = 'c0000000-0000-4000-8000-000000000001';
export const C2 = 'c0000000-0000-4000-8000-000000000002';
export const C3 = 'c0000000-0000-4000-8000-000000000003';

export const TUNNELS: FakeTunnel[] = [
  { id: T.healthy, name: 'healthy-t', status: 'healthy', connectors: [{ id: C1, version: '2025.10.0', conns: 4 }, { id: C2, version: '2025.7.0', conns: 2, arch: 'linux_arm64' }] },
  { id: T.degraded, name: 'degraded-t', status: 'degraded', connectors: [{ id: C3, version: '2025.8.1', conns: 1 }] },
  { id: T.down, name: 'down-t', status: 'down', connectors: [] },
  { id: T.inactive, name: 'inactive-t', status: 'inactive', connectors: [] },
  { id: T.deleted, name: 'deleted-t', status: 'inactive', deleted_at: '2026-10-01T12:00:00Z', connectors: [] },
  { id: T.old, name: 'old-t', status: 'healthy', connectors: [{ id: C1.replace('1', '4'), version: '2025.10.0' }, { id: C1.replace('1', '5'), version: '2025.6.1', conns: 2 }] },
];

export const svc = (name: string, tunnel: string, extra: Record<string, unknown> = {}) => ({
  name,
  type: 'tcp',
  host: { ipv4: '10.0.0.5', network: { tunnel_id: tunnel } },
  tcp_port: 5432,
  ...extra,
});

export const parse = (stdout: string): Row[] => JSON.parse(stdout) as Row[];
export const pick = (rows: Row[], check: string, subject: RegExp | string) =>
  rows.filter((r) => r.check === check && (typeof subject === 'string' ? r.subject === subject : subject.test(r.subject)));
export const statuses = (rows: Row[], check: string, subject: RegExp | string) => pick(rows, check, subject).map((r) => r.status);

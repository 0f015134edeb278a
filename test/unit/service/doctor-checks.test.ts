import { describe, expect, it } from 'vitest';
import { compareVersion, definitionChecks, tunnelChecks } from '../../../src/service/doctor-checks';

describe('cloudflared versions', () => {
  it('compares numerically, not as text', () => {
    expect(Math.sign(compareVersion('2025.7.0')!)).toBe(0);
    expect(Math.sign(compareVersion('2025.10.0')!)).toBe(1);
    expect(Math.sign(compareVersion('2025.6.9')!)).toBe(-1);
    expect(Math.sign(compareVersion('2024.12.2')!)).toBe(-1);
    expect(Math.sign(compareVersion('2026.1.0')!)).toBe(1);
    expect(compareVersion('DEV')).toBeUndefined();
  });

  it('a connector without a version is a warning, not a pass', () => {
    const rows = tunnelChecks({ kind: 'found', tunnel: { id: 't', name: 'n', status: 'healthy' }, connectors: [{ id: 'c' }] });
    expect(rows.map((r) => [r.check, r.status])).toEqual([
      ['tunnel.exists', 'ok'],
      ['tunnel.status', 'ok'],
      ['tunnel.connector', 'warn'],
    ]);
  });
});

describe('definitions', () => {
  it('a tcp service whose tcp_port is null or absent warns; http shows its default ports', () => {
    const base = { service_id: 'x', name: 'db', type: 'tcp', host: { ipv4: '10.0.0.1', network: { tunnel_id: 't' } } };
    expect(definitionChecks({ ...base, tcp_port: null })[0]!.status).toBe('warn');
    expect(definitionChecks(base)[0]!.status).toBe('warn');
    expect(definitionChecks({ ...base, tcp_port: 5432 })[0]!.status).toBe('ok');
    expect(definitionChecks({ ...base, type: 'http' })[0]!.message).toBe('http service db: 10.0.0.1, ports 80/443');
  });
});

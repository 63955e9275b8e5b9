import { gaugeFrom } from '@eventora/observability';
import type { TenantRouter } from '@eventora/tenancy';

/**
 * The tenant router's connections as Prometheus gauges, read at scrape time: connections open
 * against the connection budget, and the dedicated routes it holds by clinic mode: only database
 * clinics have one (a pool of their own); every schema clinic shares one client on the shared pool.
 */
export function registerTenancyGauges(tenants: TenantRouter): void {
  gaugeFrom({
    name: 'eventora_db_connections',
    help: 'Connections of the tenant router: open now, and the connection budget (limit).',
    labelNames: ['state'],
    read: () => {
      const stats = tenants.stats();
      return [
        { labels: { state: 'open' }, value: stats.connections },
        { labels: { state: 'limit' }, value: stats.maxConnections },
      ];
    },
  });
  gaugeFrom({
    name: 'eventora_db_routes',
    help: 'Dedicated routes the tenant router holds, by clinic mode.',
    labelNames: ['mode'],
    read: () => {
      const stats = tenants.stats();
      return [{ labels: { mode: 'database' }, value: stats.databasePools }];
    },
  });
}

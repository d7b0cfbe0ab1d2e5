import type { Warehouse } from '@northstar/warehouse';
import type { Model } from './model-catalog';
import { assertModelShape } from './model-shape';

describe('assertModelShape', () => {
  it('passes a view (the analytics layer) without looking it up: its DDL replaces it on every run', async () => {
    const query = jest.fn(() => Promise.reject(new Error('no catalog look-up expected')));
    const warehouse = { dialect: { name: 'duckdb' }, query } as unknown as Warehouse;
    const model = { name: 'daily_revenue' } as Model;
    await expect(assertModelShape(warehouse, model, { sql: 'create or replace view analytics.daily_revenue as select 1 as x', binds: [] })).resolves.toBeUndefined();
    expect(query).not.toHaveBeenCalled();
  });
});

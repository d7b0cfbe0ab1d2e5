import { DuckDBInstance } from '@duckdb/node-api';
const inst = await DuckDBInstance.create(':memory:', { threads: '1', memory_limit: '256MB' });
const c = await inst.connect();
const f = process.argv[2];
for (const q of process.argv.slice(3)) {
  const sql = q.replaceAll('$F', `'${f}'`);
  const t = process.hrtime.bigint(); const cpu = process.cpuUsage();
  const r = await c.run(sql); const rows = await r.getRows();
  const u = process.cpuUsage(cpu);
  console.log('wall', ((Number(process.hrtime.bigint() - t)) / 1e9).toFixed(2), 'cpu', ((u.user+u.system)/1e6).toFixed(2), JSON.stringify(rows.slice(0,1), (k,v)=> typeof v==='bigint'? Number(v): v).slice(0,60), sql.replace(/\s+/g,' ').slice(0, 70));
}

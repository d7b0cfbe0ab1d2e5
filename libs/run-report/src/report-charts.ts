/**
 * The script the report page runs (plain browser JavaScript, kept as text so
 * the page is one self-contained file): it draws the charts from the JSON the
 * page embeds. Colours: green passed, red failed (errors), amber warnings.
 */
export const reportCharts = String.raw`
(function () {
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var colours = { succeeded: '#2e8b57', failed: '#c62828', skipped: '#9e9e9e', running: '#1e88e5' };
  var time = function (iso) { return iso ? Date.parse(iso) : Date.now(); };

  // Timeline: one row per step (its name carries the source), one bar per attempt.
  var steps = Array.from(new Set(data.steps.map(function (s) { return s.step; }))).sort();
  echarts.init(document.getElementById('timeline')).setOption({
    animation: false,
    tooltip: { formatter: function (p) { return p.value[4] + ' ' + steps[p.value[0]] + ': ' + p.value[3] + (p.value[5] === null ? '' : ', ' + p.value[5] + ' rows') + (p.value[6] ? ', ' + p.value[6] + ' retries' : ''); } },
    grid: { left: 170, right: 20 },
    xAxis: { type: 'time' },
    yAxis: { type: 'category', data: steps },
    series: [{
      type: 'custom',
      renderItem: function (params, api) {
        var start = api.coord([api.value(1), api.value(0)]);
        var end = api.coord([api.value(2), api.value(0)]);
        var height = api.size([0, 1])[1] * 0.6;
        return { type: 'rect', shape: { x: start[0], y: start[1] - height / 2, width: Math.max(end[0] - start[0], 2), height: height }, style: { fill: colours[api.value(3)] || '#555' } };
      },
      encode: { x: [1, 2], y: 0 },
      data: data.steps.map(function (s) { return [steps.indexOf(s.step), time(s.started_at), time(s.finished_at), s.status, s.run_id, s.rows_out, s.retries]; }),
    }],
  });

  // Check trend: per run, checks passed, warnings failed, errors failed.
  var runs = Array.from(new Set(data.checks.map(function (c) { return c.run_id; })));
  var count = function (run, test) { return data.checks.filter(function (c) { return c.run_id === run && test(c); }).length; };
  echarts.init(document.getElementById('check-trend')).setOption({
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: {},
    xAxis: { type: 'category', data: runs },
    yAxis: { type: 'value', name: 'checks' },
    series: [
      { name: 'passed', type: 'bar', stack: 'all', color: '#2e8b57', data: runs.map(function (r) { return count(r, function (c) { return c.status === 'pass'; }); }) },
      { name: 'warn failed', type: 'bar', stack: 'all', color: '#f2a900', data: runs.map(function (r) { return count(r, function (c) { return c.status === 'fail' && c.severity === 'warn'; }); }) },
      { name: 'error failed', type: 'bar', stack: 'all', color: '#c62828', data: runs.map(function (r) { return count(r, function (c) { return c.status === 'fail' && c.severity === 'error'; }); }) },
    ],
  });

  // Freshness: lag per source per run against the 30 (warn) and 45 (error) minute lines.
  var sources = Array.from(new Set(data.freshness.map(function (f) { return f.source; })));
  echarts.init(document.getElementById('freshness')).setOption({
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: {},
    xAxis: { type: 'time' },
    yAxis: { type: 'value', name: 'lag (minutes)', max: function (v) { return Math.max(v.max, data.slo.errorMinutes + 5); } },
    series: sources.map(function (source, i) {
      return {
        name: source, type: 'line', showSymbol: true,
        data: data.freshness.filter(function (f) { return f.source === source && f.lag_minutes !== null; })
          .map(function (f) { return [time(f.window_closed_at), f.lag_minutes]; })
          .sort(function (a, b) { return a[0] - b[0]; }),
        markLine: i > 0 ? undefined : { symbol: 'none', data: [{ yAxis: data.slo.warnMinutes, lineStyle: { color: '#f2a900' }, label: { formatter: 'warn ' + data.slo.warnMinutes } }, { yAxis: data.slo.errorMinutes, lineStyle: { color: '#c62828' }, label: { formatter: 'SLO ' + data.slo.errorMinutes } }] },
      };
    }),
  });

  // Lineage: raw tables, staging, curated and analytics models in columns, edges from what each reads.
  var layers = ['raw', 'staging', 'curated', 'analytics'];
  var nodes = {};
  data.lineage.forEach(function (m) {
    nodes[m.name] = m.layer;
    m.dependsOn.forEach(function (d) { if (!(d in nodes) && d.indexOf('raw.') === 0) nodes[d] = 'raw'; });
  });
  var rowInLayer = {};
  var graphNodes = Object.keys(nodes).sort().map(function (name) {
    var layer = nodes[name];
    rowInLayer[layer] = (rowInLayer[layer] || 0) + 1;
    return { name: name, x: layers.indexOf(layer) * 300, y: rowInLayer[layer] * 40, category: Math.max(layers.indexOf(layer), 0) };
  });
  var edges = [];
  data.lineage.forEach(function (m) { m.dependsOn.forEach(function (d) { if (d in nodes) edges.push({ source: d, target: m.name }); }); });
  echarts.init(document.getElementById('lineage')).setOption({
    animation: false,
    tooltip: {},
    legend: { data: layers },
    series: [{
      type: 'graph', layout: 'none', roam: true, edgeSymbol: ['none', 'arrow'], edgeSymbolSize: 6,
      label: { show: true, position: 'right', fontSize: 10 },
      categories: layers.map(function (l) { return { name: l }; }),
      data: graphNodes, links: edges, lineStyle: { opacity: 0.5, curveness: 0.1 },
    }],
  });
})();
`;

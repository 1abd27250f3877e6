// The compliance board: the heatmap of bodies × articles and the trend of the share met, drawn by
// ECharts from the JSON the page carries (no inline script: the content-security policy forbids it).
// A click on a cell loads that cell's evidence below the chart (htmx), or opens it as a page.
(() => {
  const COLOURS = { m: "#2e7d32", n: "#c62828", d: "#f9a825", a: "#cfd8dc", h: "#5c6bc0" };
  const ROW_HEIGHT = 18;
  const VISIBLE_ROWS = 30;

  const read = (id) => {
    const source = document.getElementById(id);
    return source ? JSON.parse(source.textContent) : null;
  };

  // Tooltips are drawn on the canvas (richText): HTML tooltips carry inline styles the CSP refuses.
  const tooltip = (extra) => Object.assign({ renderMode: "richText", confine: true }, extra);

  function evidenceUrl(box, bodyId, article) {
    const base = box.dataset.evidenceUrl.replace(/\/0\/evidence\/$/, `/${bodyId}/evidence/`);
    const query = new URLSearchParams({ article, year: box.dataset.year, date: box.dataset.date });
    return `${base}?${query}`;
  }

  function openCell(box, bodyId, article) {
    const url = evidenceUrl(box, bodyId, article);
    if (typeof htmx === "undefined") {
      window.location.assign(url);
      return;
    }
    htmx.ajax("GET", url, { target: "#cell-evidence", swap: "innerHTML" });
  }

  function drawHeatmap(box, data) {
    const order = data.order;
    const cells = [];
    data.rows.forEach((letters, y) => {
      for (let x = 0; x < letters.length; x += 1) cells.push([x, y, order.indexOf(letters[x])]);
    });
    const rows = data.bodies.length;
    const zoomed = rows > VISIBLE_ROWS;
    box.style.height = `${Math.min(rows, VISIBLE_ROWS) * ROW_HEIGHT + 150}px`;
    const chart = echarts.init(box);
    chart.setOption({
      animation: false,
      tooltip: tooltip({
        formatter: (p) => {
          const article = data.articles[p.data[0]];
          return `${data.bodies[p.data[1]].name}\n${article.label} ${article.requirement}\n${data.statuses[order[p.data[2]]]}`;
        },
      }),
      grid: { left: 8, right: zoomed ? 40 : 16, top: 40, bottom: 40, containLabel: true },
      xAxis: {
        type: "category",
        data: data.articles.map((a) => a.label),
        position: "top",
        axisLabel: { interval: 0, rotate: 60, fontSize: 10 },
        splitArea: { show: false },
      },
      yAxis: {
        type: "category",
        inverse: true,
        data: data.bodies.map((b) => b.name),
        axisLabel: { interval: 0, fontSize: 11 },
      },
      visualMap: {
        type: "piecewise",
        dimension: 2,
        orient: "horizontal",
        left: "center",
        bottom: 0,
        pieces: order.map((code, index) => ({ value: index, label: data.statuses[code], color: COLOURS[code] })),
      },
      dataZoom: zoomed
        ? [
            { type: "slider", yAxisIndex: 0, right: 4, width: 16, startValue: 0, endValue: VISIBLE_ROWS - 1 },
            { type: "inside", yAxisIndex: 0, startValue: 0, endValue: VISIBLE_ROWS - 1 },
          ]
        : [],
      series: [
        {
          type: "heatmap",
          data: cells,
          itemStyle: { borderColor: "#fff", borderWidth: 1 },
          progressive: 0,
        },
      ],
    });
    chart.on("click", (p) => {
      if (p.componentType !== "series") return;
      openCell(box, data.bodies[p.data[1]].id, data.articles[p.data[0]].article);
    });
    window.addEventListener("resize", () => chart.resize());
  }

  // Dates on pages read 2026年11月27日 (the axis drops the year, the tooltip keeps it).
  const day = (iso, withYear) => {
    const [y, m, d] = iso.split("-").map(Number);
    return withYear ? `${y}年${m}月${d}日` : `${m}月${d}日`;
  };

  function drawTrend(box, data) {
    if (!data.dates.length) return;
    const chart = echarts.init(box);
    chart.setOption({
      animation: false,
      tooltip: tooltip({
        trigger: "axis",
        formatter: (items) =>
          [day(data.dates[items[0].dataIndex], true)]
            .concat(items.map((p) => `${p.seriesName}：${p.value === null || p.value === undefined ? "—" : `${p.value}%`}`))
            .join("\n"),
      }),
      legend: { type: "scroll", top: 0 },
      grid: { left: 8, right: 40, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: "category", data: data.dates, boundaryGap: false, axisLabel: { formatter: (v) => day(v, false) } },
      yAxis: { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%" } },
      series: data.series.map((s) => ({ name: s.name, type: "line", data: s.values, connectNulls: true, symbolSize: 5 })),
    });
    window.addEventListener("resize", () => chart.resize());
  }

  document.addEventListener("DOMContentLoaded", () => {
    if (typeof echarts === "undefined") return;
    const heatmap = document.getElementById("board-heatmap");
    const board = read("board-data");
    if (heatmap && board) drawHeatmap(heatmap, board);
    const trendBox = document.getElementById("board-trend");
    const trend = read("trend-data");
    if (trendBox && trend) drawTrend(trendBox, trend);
  });
})();

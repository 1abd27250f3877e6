// Charts of the yearly enforcement statistics, drawn from the figures the page carries as JSON.
document.addEventListener("DOMContentLoaded", () => {
  const source = document.getElementById("enforcement-chart-data");
  if (!source || typeof echarts === "undefined") return;
  const data = JSON.parse(source.textContent);
  const byBody = document.getElementById("enforcement-by-body");
  if (byBody && data.bodies.length) {
    echarts.init(byBody).setOption({
      tooltip: { trigger: "axis" },
      legend: {},
      grid: { containLabel: true },
      xAxis: { type: "category", data: data.bodies, axisLabel: { interval: 0, rotate: 30 } },
      yAxis: { type: "value" },
      series: ["decided", "not_penalised", "transferred"].map((key) => ({
        name: data.labels[key], type: "bar", stack: "cases", data: data[key],
      })),
    });
  }
  const byKind = document.getElementById("enforcement-by-kind");
  if (byKind && data.kinds.length) {
    echarts.init(byKind).setOption({
      tooltip: { trigger: "item" },
      series: [{ type: "pie", radius: "60%", data: data.kinds }],
    });
  }
});

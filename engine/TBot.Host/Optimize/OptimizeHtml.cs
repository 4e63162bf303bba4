using System.Globalization;
using System.Net;
using System.Text;

namespace TBot.Host.Optimize;

/// <summary>The optimisation report for people: one self-contained HTML file (inline CSS and SVG, no script) with the
/// ranked table, a heat map of the objective over the first two parameters (best run per cell when there are more
/// parameters) and the walk-forward windows.</summary>
public static class OptimizeHtml
{
    private const int Cell = 44, Left = 90, Top = 30;

    public static string Render(OptimizeReport r)
    {
        var c = CultureInfo.InvariantCulture;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>TBot optimize</title><style>")
            .Append("body{font:14px system-ui,sans-serif;margin:24px;color:#222}table{border-collapse:collapse;margin:8px 0 24px}")
            .Append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f3f3f3}td.l{text-align:left}</style></head><body>");
        html.Append("<h1>TBot optimize</h1><p>bot ").Append(r.Bot.Id).Append(':').Append(E(r.Bot.Name ?? "")).Append(" (").Append(E(r.Bot.Strategy))
            .Append("), ").Append(E(r.Search)).Append(", ").Append(r.Combinations).Append(" combinations, objective <b>").Append(E(r.Objective)).Append("</b></p>");
        if (r.Parameters.Count >= 2 && r.Runs.Count > 0) HeatMap(html, r);
        if (r.WalkForward is { } wf)
        {
            html.Append("<h2>Walk-forward (train ").Append(E(wf.Train)).Append(", test ").Append(E(wf.Test)).Append(")</h2><table id=\"walk-forward\"><tr><th>#</th><th>train</th><th>test</th><th>best</th><th>in-sample</th><th>out-of-sample</th></tr>");
            foreach (var w in wf.Windows)
                html.Append("<tr><td>").Append(w.Index).Append("</td><td class=\"l\">").Append(E(w.TrainFrom)).Append(" → ").Append(E(w.TrainTo))
                    .Append("</td><td class=\"l\">").Append(E(w.TestFrom)).Append(" → ").Append(E(w.TestTo)).Append("</td><td class=\"l\">").Append(E(w.BestParameters ?? "-"))
                    .Append("</td><td>").Append(w.InSample?.Objective.ToString(c) ?? "-").Append("</td><td>").Append(w.OutOfSample?.Objective.ToString(c) ?? "-").Append("</td></tr>");
            html.Append("</table>");
        }
        html.Append("<h2>Ranked runs</h2><table id=\"runs\"><tr><th>rank</th>");
        foreach (var p in r.Parameters) html.Append("<th>").Append(E(p)).Append("</th>");
        html.Append("<th>objective (").Append(E(r.Objective)).Append(")</th><th>pnl</th><th>sharpe</th><th>max_drawdown</th><th>trades</th><th>state_hash</th></tr>");
        foreach (var run in r.Runs)
        {
            html.Append("<tr data-rank=\"").Append(run.Rank).Append("\"><td>").Append(run.Rank).Append("</td>");
            foreach (var p in r.Parameters) html.Append("<td>").Append(E(run.Parameters.GetValueOrDefault(p, ""))).Append("</td>");
            html.Append("<td class=\"objective\">").Append(run.Objective.ToString(c)).Append("</td><td class=\"pnl\">").Append(run.Pnl.ToString(c)).Append("</td><td>").Append(run.Sharpe.ToString(c))
                .Append("</td><td>").Append(run.MaxDrawdown.ToString(c)).Append("</td><td>").Append(run.Trades).Append("</td><td class=\"l hash\">").Append(E(run.StateHash)).Append("</td></tr>");
        }
        html.Append("</table></body></html>");
        return html.ToString();
    }

    private static void HeatMap(StringBuilder html, OptimizeReport r)
    {
        var c = CultureInfo.InvariantCulture;
        var (px, py) = (r.Parameters[0], r.Parameters[1]);
        var xs = Axis(r.Runs.Select(x => x.Parameters[px]));
        var ys = Axis(r.Runs.Select(x => x.Parameters[py]));
        // Runs are best first: the first run seen for a cell is the best of it.
        var cells = new Dictionary<(string, string), RankedRun>();
        foreach (var run in r.Runs) cells.TryAdd((run.Parameters[px], run.Parameters[py]), run);
        var min = cells.Values.Min(v => v.Objective);
        var max = cells.Values.Max(v => v.Objective);
        var lowerIsBetter = r.Objective == "max_drawdown";
        html.Append("<h2>Heat map: ").Append(E(r.Objective)).Append(" over ").Append(E(px)).Append(" × ").Append(E(py)).Append("</h2>");
        var width = Left + xs.Count * Cell + 10;
        var height = Top + ys.Count * Cell + 40;
        html.Append(c, $"<svg id=\"heatmap\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" font-size=\"11\">");
        for (var j = 0; j < ys.Count; j++)
            html.Append(c, $"<text x=\"{Left - 6}\" y=\"{Top + j * Cell + Cell / 2 + 4}\" text-anchor=\"end\">{E(ys[j])}</text>");
        for (var i = 0; i < xs.Count; i++)
            html.Append(c, $"<text x=\"{Left + i * Cell + Cell / 2}\" y=\"{Top + ys.Count * Cell + 14}\" text-anchor=\"middle\">{E(xs[i])}</text>");
        html.Append(c, $"<text x=\"{Left}\" y=\"{Top + ys.Count * Cell + 32}\">{E(px)} →</text><text x=\"4\" y=\"{Top - 10}\">{E(py)} ↓</text>");
        for (var j = 0; j < ys.Count; j++)
            for (var i = 0; i < xs.Count; i++)
            {
                if (!cells.TryGetValue((xs[i], ys[j]), out var run)) continue;
                var t = max > min ? (run.Objective - min) / (max - min) : 1;
                if (lowerIsBetter) t = 1 - t;
                var color = $"rgb({(int)(215 - 180 * t)},{(int)(48 + 140 * t)},{(int)(39 + 40 * t)})";
                html.Append(c, $"<rect class=\"cell\" x=\"{Left + i * Cell}\" y=\"{Top + j * Cell}\" width=\"{Cell - 1}\" height=\"{Cell - 1}\" fill=\"{color}\" data-x=\"{E(xs[i])}\" data-y=\"{E(ys[j])}\" data-objective=\"{run.Objective.ToString(c)}\"><title>{E(run.ParametersText)}: {run.Objective.ToString(c)}</title></rect>");
            }
        html.Append("</svg>");
    }

    // Numeric values in numeric order, words in ordinal order.
    private static List<string> Axis(IEnumerable<string> values) =>
    [
        .. values.Distinct().OrderBy(v => decimal.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : decimal.MaxValue).ThenBy(v => v, StringComparer.Ordinal),
    ];

    private static string E(string s) => WebUtility.HtmlEncode(s);
}

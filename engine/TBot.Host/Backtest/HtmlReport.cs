using System.Globalization;
using System.Net;
using System.Text;

namespace TBot.Host.Backtest;

/// <summary>
/// The backtest report for people: one self-contained HTML file (inline CSS and SVG, no scripts, no external assets)
/// with the summary table, the equity curve and drawdown plots, the per-bot table and the first trades. Numbers are
/// printed exactly as the JSON has them (invariant culture), each summary cell tagged <c>data-metric</c>.
/// </summary>
public static class HtmlReport
{
    public const int MaxTradeRows = 200;
    private const int Width = 900, Height = 240, Pad = 40;

    public static string Render(BacktestResult r)
    {
        var c = CultureInfo.InvariantCulture;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>TBot backtest</title><style>")
            .Append("body{font:14px system-ui,sans-serif;margin:24px;color:#222}table{border-collapse:collapse;margin:8px 0 24px}")
            .Append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f3f3f3}td.l,th.l{text-align:left}")
            .Append("svg{background:#fafafa;border:1px solid #ddd}h2{margin-top:28px}</style></head><body>");
        html.Append("<h1>TBot backtest</h1><p>").Append(E(r.Data.Source)).Append(' ').Append(E(r.Data.Directory)).Append(", ")
            .Append(E(r.Data.FirstEvent ?? "-")).Append(" → ").Append(E(r.Data.LastEvent ?? "-")).Append(", fill model ")
            .Append(E(r.FillModel.Book)).Append(" / bars ").Append(E(r.FillModel.Bars)).Append("</p>");

        html.Append("<h2>Summary</h2><table id=\"summary\">");
        Row(html, "events", r.Events.ToString(c));
        Row(html, "trades", r.Trades.ToString(c));
        Row(html, "pnl", r.Pnl.ToString(c));
        Row(html, "return", r.Return.ToString(c));
        Row(html, "sharpe", r.Sharpe.ToString(c));
        Row(html, "sortino", r.Sortino.ToString(c));
        Row(html, "max_drawdown", r.MaxDrawdown.ToString(c));
        Row(html, "win_rate", r.WinRate.ToString(c));
        Row(html, "turnover", r.Turnover.ToString(c));
        Row(html, "exposure", r.Exposure.ToString(c));
        Row(html, "fees", r.Fees.ToString(c));
        Row(html, "orders", r.Orders.ToString(c));
        Row(html, "state_hash", r.StateHash);
        html.Append("</table>");

        var equity = r.EquityCurve.Select(p => p.Equity).ToList();
        var drawdown = r.EquityCurve.Select(p => -p.Drawdown).ToList();
        html.Append("<h2>Equity</h2>").Append(Plot("equity", equity, "#1f6fb2"));
        html.Append("<h2>Drawdown</h2>").Append(Plot("drawdown", drawdown, "#c0392b"));

        html.Append("<h2>Bots</h2><table id=\"bots\"><tr><th class=\"l\">bot</th><th class=\"l\">strategy</th><th>pnl</th><th>realised</th><th>unrealised</th><th>fees</th><th>orders</th><th>fills</th><th>win rate</th><th>turnover</th><th>max drawdown</th><th class=\"l\">state</th></tr>");
        foreach (var b in r.Bots)
            html.Append("<tr data-bot=\"").Append(b.Id.ToString(c)).Append("\"><td class=\"l\">").Append(b.Id.ToString(c)).Append(' ').Append(E(b.Name))
                .Append("</td><td class=\"l\">").Append(E(b.Strategy)).Append("</td><td class=\"pnl\">").Append(b.Pnl.ToString(c))
                .Append("</td><td>").Append(b.Realised.ToString(c)).Append("</td><td>").Append(b.Unrealised.ToString(c))
                .Append("</td><td>").Append(b.Fees.ToString(c)).Append("</td><td>").Append(b.Orders.ToString(c))
                .Append("</td><td class=\"fills\">").Append(b.Fills.ToString(c)).Append("</td><td>").Append(b.WinRate.ToString(c))
                .Append("</td><td>").Append(b.Turnover.ToString(c)).Append("</td><td>").Append(b.MaxDrawdown.ToString(c))
                .Append("</td><td class=\"l\">").Append(E(b.State)).Append("</td></tr>");
        html.Append("</table>");

        html.Append("<h2>Trades</h2><p>").Append(Math.Min(MaxTradeRows, r.TradeList.Count).ToString(c)).Append(" of ").Append(r.Trades.ToString(c))
            .Append(" fills shown.</p><table id=\"trades\"><tr><th class=\"l\">time</th><th>bot</th><th class=\"l\">instrument</th><th class=\"l\">side</th><th>price</th><th>quantity</th><th>fee</th><th>realised</th><th class=\"l\">liquidity</th></tr>");
        foreach (var t in r.TradeList.Take(MaxTradeRows))
            html.Append("<tr><td class=\"l\">").Append(E(t.Time)).Append("</td><td>").Append(t.Bot.ToString(c)).Append("</td><td class=\"l\">").Append(E(t.Instrument))
                .Append("</td><td class=\"l\">").Append(t.Side).Append("</td><td>").Append(E(t.Price)).Append("</td><td>").Append(E(t.Quantity))
                .Append("</td><td>").Append(t.Fee.ToString(c)).Append("</td><td>").Append(t.Realised.ToString(c)).Append("</td><td class=\"l\">")
                .Append(t.Maker ? "maker" : "taker").Append("</td></tr>");
        html.Append("</table></body></html>");
        return html.ToString();
    }

    private static void Row(StringBuilder html, string metric, string value) =>
        html.Append("<tr><th class=\"l\">").Append(metric).Append("</th><td data-metric=\"").Append(metric).Append("\">").Append(E(value)).Append("</td></tr>");

    /// <summary>A line plot of <paramref name="values"/> (evenly spaced samples) with a zero line and min/max labels.</summary>
    private static string Plot(string id, List<decimal> values, string colour)
    {
        var c = CultureInfo.InvariantCulture;
        var svg = new StringBuilder();
        svg.Append("<svg id=\"").Append(id).Append("-plot\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").Append(Width).Append("\" height=\"").Append(Height)
            .Append("\" viewBox=\"0 0 ").Append(Width).Append(' ').Append(Height).Append("\">");
        if (values.Count == 0)
            return svg.Append("<text x=\"20\" y=\"30\">no samples</text></svg>").ToString();
        var min = Math.Min(0m, values.Min());
        var max = Math.Max(0m, values.Max());
        var span = max - min == 0 ? 1m : max - min;
        double X(int i) => Pad + (values.Count == 1 ? 0 : (double)i * (Width - 2 * Pad) / (values.Count - 1));
        double Y(decimal v) => Height - Pad - (double)((v - min) / span) * (Height - 2 * Pad);
        svg.Append("<line x1=\"").Append(Pad).Append("\" x2=\"").Append(Width - Pad).Append("\" y1=\"").Append(Y(0).ToString("F1", c))
            .Append("\" y2=\"").Append(Y(0).ToString("F1", c)).Append("\" stroke=\"#999\" stroke-dasharray=\"4 3\"/>");
        svg.Append("<path id=\"").Append(id).Append("-path\" fill=\"none\" stroke=\"").Append(colour).Append("\" stroke-width=\"1.5\" d=\"");
        for (var i = 0; i < values.Count; i++)
            svg.Append(i == 0 ? "M" : " L").Append(X(i).ToString("F1", c)).Append(',').Append(Y(values[i]).ToString("F1", c));
        svg.Append("\"/>");
        svg.Append("<text x=\"4\" y=\"").Append(Pad - 8).Append("\" font-size=\"11\">").Append(max.ToString(c)).Append("</text>");
        svg.Append("<text x=\"4\" y=\"").Append(Height - Pad + 16).Append("\" font-size=\"11\">").Append(min.ToString(c)).Append("</text>");
        return svg.Append("</svg>").ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}

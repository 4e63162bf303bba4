using System.Text;

namespace TBot.Host.Analytics;

/// <summary>A plain-text table: a title, a header and rows, columns padded to their widest cell (numbers right-aligned).</summary>
internal sealed class TextTable(string title, params string[] header)
{
    private readonly List<string[]> _rows = [];

    public void Add(params string[] cells) => _rows.Add(cells);

    public void WriteTo(StringBuilder text)
    {
        text.Append(title).Append('\n');
        if (_rows.Count == 0)
        {
            text.Append("  (none)\n\n");
            return;
        }
        var widths = header.Select(h => h.Length).ToArray();
        foreach (var row in _rows)
            for (var i = 0; i < row.Length && i < widths.Length; i++) widths[i] = Math.Max(widths[i], row[i].Length);
        Line(text, header, widths, alignNumbers: false);
        foreach (var row in _rows) Line(text, row, widths, alignNumbers: true);
        text.Append('\n');
    }

    private static void Line(StringBuilder text, string[] cells, int[] widths, bool alignNumbers)
    {
        text.Append(' ');
        for (var i = 0; i < widths.Length; i++)
        {
            var cell = i < cells.Length ? cells[i] : "";
            var numeric = alignNumbers && i > 0 && cell.Length > 0 && (char.IsDigit(cell[0]) || cell[0] == '-');
            text.Append(' ').Append(numeric ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i]));
        }
        text.Append('\n');
    }
}

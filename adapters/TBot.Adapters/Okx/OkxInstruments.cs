using System.Text.Json;
using TBot.Engine.Instruments;
using TBot.Engine.Numerics;

namespace TBot.Adapters.Okx;

/// <summary>
/// Start-up (edge) handling of the OKX instrument list: parse the <c>/api/v5/public/instruments</c> body and
/// intern instruments into an <see cref="InstrumentRegistry"/> with PriceScale = decimals of <c>tickSz</c>
/// and QuantityScale = decimals of <c>lotSz</c>. Allocates freely and throws on bad input; not for the hot path.
/// </summary>
public static class OkxInstruments
{
    /// <summary>Parse the response body. Throws <see cref="InvalidOperationException"/> for an error envelope
    /// (non-"0" code) and <see cref="FormatException"/> for a body that is not the expected shape.</summary>
    public static IReadOnlyList<OkxInstrumentInfo> Parse(ReadOnlySpan<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray());
        }
        catch (JsonException ex)
        {
            throw new FormatException("OKX instruments body is not valid JSON.", ex);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("code", out var code))
                throw new FormatException("OKX instruments body has no \"code\".");
            var codeText = code.ValueKind == JsonValueKind.String ? code.GetString() : code.GetRawText();
            if (codeText != "0")
            {
                var msg = root.TryGetProperty("msg", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : "";
                throw new InvalidOperationException($"OKX instruments request failed: code {codeText}: {msg}");
            }
            if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
                throw new FormatException("OKX instruments body has no \"data\" array.");
            var list = new List<OkxInstrumentInfo>(data.GetArrayLength());
            foreach (var row in data.EnumerateArray())
            {
                if (row.ValueKind != JsonValueKind.Object) throw new FormatException("OKX instrument row is not an object.");
                list.Add(new OkxInstrumentInfo(
                    Required(row, "instId"),
                    Optional(row, "instType"),
                    Optional(row, "baseCcy"),
                    Optional(row, "quoteCcy"),
                    Required(row, "tickSz"),
                    Required(row, "lotSz"),
                    Optional(row, "minSz"),
                    Optional(row, "state")));
            }
            return list;
        }
    }

    /// <summary>Intern one instrument: scales from the decimals of tickSz / lotSz, TickSize/StepSize as mantissas.</summary>
    public static Instrument Register(InstrumentRegistry registry, OkxInstrumentInfo info)
    {
        var (tick, priceScale) = Increment(info.TickSize, info.InstId, "tickSz");
        var (step, quantityScale) = Increment(info.LotSize, info.InstId, "lotSz");
        return registry.Add(Venue.Okx, info.InstId, priceScale, quantityScale, tick, step);
    }

    /// <summary>Intern every instrument accepted by <paramref name="include"/> (all when null); returns how many.</summary>
    public static int RegisterAll(InstrumentRegistry registry, IEnumerable<OkxInstrumentInfo> instruments, Func<OkxInstrumentInfo, bool>? include = null)
    {
        var n = 0;
        foreach (var info in instruments)
        {
            if (include is not null && !include(info)) continue;
            Register(registry, info);
            n++;
        }
        return n;
    }

    /// <summary>"0.01" → (1, 2); "5" → (5, 0). The scale is the number of decimals written.</summary>
    private static (long Mantissa, int Scale) Increment(string text, string instId, string field)
    {
        if (!FixedPoint.TryParse(System.Text.Encoding.ASCII.GetBytes(text), out var mantissa, out var scale) || mantissa <= 0)
            throw new FormatException($"OKX instrument {instId}: {field} \"{text}\" is not a positive decimal.");
        return (mantissa, scale);
    }

    private static string Required(JsonElement row, string name) =>
        row.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s
            ? s
            : throw new FormatException($"OKX instrument row lacks \"{name}\".");

    private static string Optional(JsonElement row, string name) =>
        row.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() ?? "" : "";
}

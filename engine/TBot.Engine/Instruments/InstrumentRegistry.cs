using System.Text;

namespace TBot.Engine.Instruments;

/// <summary>
/// Interns instruments at start-up and resolves a venue's symbol bytes to an instrument id on the hot path
/// without allocating (a per-venue table keyed by the UTF-8 bytes, looked up through an alternate span key).
/// Registration is not thread-safe and must finish before lookups begin.
/// </summary>
public sealed class InstrumentRegistry
{
    private readonly List<Instrument> _byId = [null!]; // id 0 = unknown
    private readonly Dictionary<string, int>[] _bySymbol = new Dictionary<string, int>[4];
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>>[] _lookups;

    public InstrumentRegistry()
    {
        _lookups = new Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>>[_bySymbol.Length];
        for (var i = 0; i < _bySymbol.Length; i++)
        {
            _bySymbol[i] = new Dictionary<string, int>(StringComparer.Ordinal);
            _lookups[i] = _bySymbol[i].GetAlternateLookup<ReadOnlySpan<char>>();
        }
    }

    public int Count => _byId.Count - 1;

    /// <summary>All instruments, by id.</summary>
    public IEnumerable<Instrument> All
    {
        get
        {
            for (var i = 1; i < _byId.Count; i++) yield return _byId[i];
        }
    }

    /// <summary>Intern an instrument; returns the existing one when the venue/symbol is known.</summary>
    public Instrument Add(Venue venue, string symbol, int priceScale, int quantityScale, long tickSize = 0, long stepSize = 0)
    {
        if (_bySymbol[(int)venue].TryGetValue(symbol, out var existing)) return _byId[existing];
        if (priceScale is < 0 or > Numerics.FixedPoint.MaxScale) throw new ArgumentOutOfRangeException(nameof(priceScale));
        if (quantityScale is < 0 or > Numerics.FixedPoint.MaxScale) throw new ArgumentOutOfRangeException(nameof(quantityScale));
        var instrument = new Instrument(_byId.Count, venue, symbol, priceScale, quantityScale, tickSize, stepSize);
        _byId.Add(instrument);
        _bySymbol[(int)venue][symbol] = instrument.Id;
        return instrument;
    }

    public Instrument this[int id] => _byId[id];

    public bool TryGet(int id, out Instrument instrument)
    {
        if (id > 0 && id < _byId.Count)
        {
            instrument = _byId[id];
            return true;
        }
        instrument = null!;
        return false;
    }

    public bool TryGet(Venue venue, string symbol, out Instrument instrument)
    {
        if (_bySymbol[(int)venue].TryGetValue(symbol, out var id))
        {
            instrument = _byId[id];
            return true;
        }
        instrument = null!;
        return false;
    }

    /// <summary>Resolve UTF-8 symbol bytes (e.g. from a JSON value) to an id; 0 if unknown. Allocation-free.</summary>
    public int Lookup(Venue venue, ReadOnlySpan<byte> utf8Symbol)
    {
        Span<char> chars = stackalloc char[64];
        if (utf8Symbol.Length > chars.Length) return 0;
        if (!Encoding.UTF8.TryGetChars(utf8Symbol, chars, out var n)) return 0;
        return _lookups[(int)venue].TryGetValue(chars[..n], out var id) ? id : 0;
    }

    /// <summary>Resolve a symbol whose case differs from the registered one (Binance stream names are lower case).</summary>
    public int LookupUpperInvariant(Venue venue, ReadOnlySpan<byte> utf8Symbol)
    {
        Span<char> chars = stackalloc char[64];
        if (utf8Symbol.Length > chars.Length) return 0;
        if (!Encoding.UTF8.TryGetChars(utf8Symbol, chars, out var n)) return 0;
        var span = chars[..n];
        for (var i = 0; i < span.Length; i++)
        {
            var c = span[i];
            if (c is >= 'a' and <= 'z') span[i] = (char)(c - 32);
        }
        return _lookups[(int)venue].TryGetValue(span, out var id) ? id : 0;
    }
}

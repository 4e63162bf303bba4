using System.Text.Json;

namespace TBot.Adapters.Binance;

/// <summary>
/// Where one property's value sits in the frame. Binance does not guarantee key order (the symbol may come
/// after the prices, "data" before "stream"), so an object is scanned once to record these positions and the
/// values are converted afterwards, once the message type and the instrument are known.
/// </summary>
internal struct JsonSlot
{
    /// <summary>Offset of the value: the first byte inside the quotes for strings, the token start otherwise.</summary>
    public int Start;
    /// <summary>Raw length: the (still escaped) text between the quotes, the number text, or the whole container.</summary>
    public int Length;
    /// <summary><see cref="JsonTokenType.None"/> when the key was absent.</summary>
    public JsonTokenType Type;
    /// <summary>The string contains JSON escapes and must be unescaped before use.</summary>
    public bool Escaped;
}

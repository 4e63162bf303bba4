namespace TBot.Adapters.Coinbase;

/// <summary>
/// The raw bytes of a JSON string value captured while scanning an object, so that fields can be interpreted
/// in any key order once the instrument is known. <see cref="Present"/> tells an absent (or null) field from
/// an empty string. The bytes point into the frame (or the parser's symbol scratch) and live no longer.
/// </summary>
internal readonly ref struct JsonText
{
    public JsonText(ReadOnlySpan<byte> bytes)
    {
        Bytes = bytes;
        Present = true;
    }

    public ReadOnlySpan<byte> Bytes { get; }

    public bool Present { get; }
}

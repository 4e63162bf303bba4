using System.Buffers.Text;
using System.Text.Json;
using TBot.Engine.Validation;

namespace TBot.Adapters.Binance;

/// <summary>
/// The recorded properties of one JSON object (see <see cref="JsonSlot"/>) plus typed, allocation-free
/// accessors that report the reject reason instead of throwing: absent → MissingField, wrong token type →
/// WrongType, unparsable → BadNumber, digits finer than the instrument scale → Tick/StepMisaligned.
/// </summary>
internal ref struct BinanceFields
{
    /// <summary>Longest string we unescape on the stack; longer escaped values are rejected.</summary>
    public const int MaxEscapedLength = 128;

    private readonly ReadOnlySpan<byte> _json;
    private readonly Span<JsonSlot> _slots;

    /// <param name="json">The buffer the reader that will scan runs over (offsets are relative to it).</param>
    /// <param name="slots">Scratch of <see cref="BinanceKey.Count"/> slots (stackalloc'd by the caller).</param>
    public BinanceFields(ReadOnlySpan<byte> json, Span<JsonSlot> slots)
    {
        _json = json;
        _slots = slots;
    }

    /// <summary>
    /// Record the properties of the object the reader is positioned on (StartObject); leaves the reader on
    /// the matching EndObject. Unknown keys are skipped; a repeated key keeps its last value.
    /// </summary>
    /// <param name="flattenData">
    /// Also record the members of a "data" object in the same table, in the same pass (the combined-stream
    /// envelope): saves skipping and re-reading the payload. The Data slot still spans the whole object.
    /// </param>
    public readonly bool Scan(ref Utf8JsonReader reader, bool flattenData = false)
    {
        _slots.Clear();
        return ScanMembers(ref reader, flattenData);
    }

    private readonly bool ScanMembers(ref Utf8JsonReader reader, bool flattenData)
    {
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject) return true;
            var key = KeyOf(ref reader);
            if (!reader.Read()) return false;
            if (key == BinanceKey.None)
            {
                reader.Skip();
                continue;
            }
            ref var slot = ref _slots[(int)key];
            slot.Type = reader.TokenType;
            slot.Escaped = false;
            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    slot.Start = (int)reader.TokenStartIndex + 1;
                    slot.Length = reader.ValueSpan.Length;
                    slot.Escaped = reader.ValueIsEscaped;
                    break;
                case JsonTokenType.StartObject when flattenData && key == BinanceKey.Data:
                    var start = (int)reader.TokenStartIndex;
                    if (!ScanMembers(ref reader, flattenData: false)) return false;
                    // Set after the inner scan: a payload with its own "data" key must not hide the envelope's.
                    slot.Type = JsonTokenType.StartObject;
                    slot.Start = start;
                    slot.Length = (int)reader.BytesConsumed - start;
                    slot.Escaped = false;
                    break;
                case JsonTokenType.StartObject:
                case JsonTokenType.StartArray:
                    slot.Start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    slot.Length = (int)reader.BytesConsumed - slot.Start;
                    break;
                default:
                    slot.Start = (int)reader.TokenStartIndex;
                    slot.Length = reader.ValueSpan.Length;
                    break;
            }
        }
        return false;
    }

    private static BinanceKey KeyOf(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped) return BinanceKeys.Of(reader.ValueSpan);
        // Escaped property names ("\u0062") are legal JSON; none of ours is longer than 16 bytes.
        if (reader.ValueSpan.Length > 64) return BinanceKey.None;
        Span<byte> name = stackalloc byte[64];
        var n = reader.CopyString(name);
        return BinanceKeys.Of(name[..n]);
    }

    public readonly bool Has(BinanceKey key) => _slots[(int)key].Type != JsonTokenType.None;

    public readonly JsonTokenType TypeOf(BinanceKey key) => _slots[(int)key].Type;

    /// <summary>Where a string value sits as sent, between the quotes (escapes not resolved); empty if not a string.</summary>
    public readonly Range RawStringRange(BinanceKey key)
    {
        ref readonly var slot = ref _slots[(int)key];
        return slot.Type == JsonTokenType.String ? new Range(slot.Start, slot.Start + slot.Length) : default;
    }

    public readonly RejectReason GetInt64(BinanceKey key, out long value)
    {
        value = 0;
        ref readonly var slot = ref _slots[(int)key];
        if (slot.Type == JsonTokenType.None) return RejectReason.MissingField;
        if (slot.Type != JsonTokenType.Number) return RejectReason.WrongType;
        var text = _json.Slice(slot.Start, slot.Length);
        return Utf8Parser.TryParse(text, out value, out var consumed) && consumed == text.Length
            ? RejectReason.None
            : RejectReason.BadNumber;
    }

    /// <summary>An array value's raw text.</summary>
    public readonly RejectReason GetArray(BinanceKey key, out ReadOnlySpan<byte> json)
    {
        json = default;
        ref readonly var slot = ref _slots[(int)key];
        if (slot.Type == JsonTokenType.None) return RejectReason.MissingField;
        if (slot.Type != JsonTokenType.StartArray) return RejectReason.WrongType;
        json = _json.Slice(slot.Start, slot.Length);
        return RejectReason.None;
    }

    /// <summary>A millisecond timestamp as Unix nanoseconds.</summary>
    public readonly RejectReason GetMillisAsNanos(BinanceKey key, out long nanos)
    {
        nanos = 0;
        var r = GetInt64(key, out var ms);
        if (r != RejectReason.None) return r;
        return BinanceJson.TryMillisToNanos(ms, out nanos) ? RejectReason.None : RejectReason.BadNumber;
    }

    public readonly RejectReason GetBool(BinanceKey key, out bool value)
    {
        var type = _slots[(int)key].Type;
        value = type == JsonTokenType.True;
        return type switch
        {
            JsonTokenType.True or JsonTokenType.False => RejectReason.None,
            JsonTokenType.None => RejectReason.MissingField,
            _ => RejectReason.WrongType,
        };
    }

    /// <summary>The unescaped string bytes: a slice of the frame, or of <paramref name="scratch"/> when escaped.</summary>
    public readonly RejectReason GetString(BinanceKey key, Span<byte> scratch, out ReadOnlySpan<byte> value)
    {
        value = default;
        ref readonly var slot = ref _slots[(int)key];
        if (slot.Type == JsonTokenType.None) return RejectReason.MissingField;
        if (slot.Type != JsonTokenType.String) return RejectReason.WrongType;
        if (!slot.Escaped)
        {
            value = _json.Slice(slot.Start, slot.Length);
            return RejectReason.None;
        }
        if (slot.Length > scratch.Length) return RejectReason.BadNumber;
        // Re-read the quoted token on its own to let the reader unescape it.
        var reader = new Utf8JsonReader(_json.Slice(slot.Start - 1, slot.Length + 2));
        reader.Read();
        var n = reader.CopyString(scratch);
        value = scratch[..n];
        return RejectReason.None;
    }

    /// <summary>A decimal string as a mantissa at <paramref name="scale"/>; <paramref name="decimals"/> = as written.</summary>
    public readonly RejectReason GetDecimal(BinanceKey key, int scale, RejectReason misaligned, out long value, out int decimals)
    {
        value = 0;
        decimals = 0;
        ref readonly var slot = ref _slots[(int)key];
        // Common case: a plain string, converted straight from the frame.
        if (slot.Type == JsonTokenType.String && !slot.Escaped)
        {
            return BinanceJson.ToFixed(_json.Slice(slot.Start, slot.Length), scale, misaligned, out value, out decimals);
        }
        Span<byte> scratch = stackalloc byte[MaxEscapedLength];
        var r = GetString(key, scratch, out var text);
        return r != RejectReason.None ? r : BinanceJson.ToFixed(text, scale, misaligned, out value, out decimals);
    }
}

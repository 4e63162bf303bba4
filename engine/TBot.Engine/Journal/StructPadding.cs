using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace TBot.Engine.Journal;

/// <summary>
/// Zeroes the padding bytes of an unmanaged struct copied as raw bytes, so the same field values always give
/// the same journal bytes (and CRC) whatever garbage the padding held. The gaps are found once by reflection
/// over the field offsets; clearing is a few 8-byte ANDs.
/// </summary>
internal static class StructPadding<T> where T : unmanaged
{
    private static readonly int[] Words;
    private static readonly ulong[] Masks;

    static StructPadding()
    {
        var size = Unsafe.SizeOf<T>();
        var used = new bool[size];
        foreach (var field in typeof(T).GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            var offset = (int)Marshal.OffsetOf<T>(field.Name);
            var type = field.FieldType.IsEnum ? Enum.GetUnderlyingType(field.FieldType) : field.FieldType;
            var length = Marshal.SizeOf(type);
            for (var i = 0; i < length; i++) used[offset + i] = true;
        }
        var words = new List<int>();
        var masks = new List<ulong>();
        for (var w = 0; w * 8 < size; w++)
        {
            ulong keep = 0;
            var hasGap = false;
            for (var b = 0; b < 8; b++)
            {
                var i = w * 8 + b;
                if (i < size && used[i]) keep |= 0xFFUL << (8 * b);
                else if (i < size) hasGap = true;
            }
            if (!hasGap) continue;
            words.Add(w);
            masks.Add(keep);
        }
        Words = words.ToArray();
        Masks = masks.ToArray();
    }

    /// <summary>Number of padding bytes in <typeparamref name="T"/>.</summary>
    public static int PaddingBytes
    {
        get
        {
            var n = 0;
            foreach (var m in Masks) n += 8 - System.Numerics.BitOperations.PopCount(m) / 8;
            return n;
        }
    }

    /// <summary>Zero the padding of the struct whose bytes start at <paramref name="start"/>
    /// (its size must be a multiple of 8, as for every journaled struct).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Clear(ref byte start)
    {
        var words = Words;
        var masks = Masks;
        for (var i = 0; i < words.Length; i++)
        {
            ref var word = ref Unsafe.Add(ref start, words[i] * 8);
            Unsafe.WriteUnaligned(ref word, Unsafe.ReadUnaligned<ulong>(ref word) & masks[i]);
        }
    }
}

using System.Runtime.InteropServices;

namespace TBot.Engine.Journal;

/// <summary>
/// One entry of a segment's sparse time index (24 bytes on disk). <see cref="MaxTimeNs"/> is the highest record
/// time in the segment up to and including this record, so "every record before this one is earlier than T"
/// holds whenever <c>MaxTimeNs &lt; T</c>, even if engine time steps back slightly between producers.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public readonly record struct TimeIndexEntry(long MaxTimeNs, long Position, long Offset);

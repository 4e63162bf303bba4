using TBot.Engine.Journal;

namespace TBot.Persistence.Projections;

/// <summary>One record of a <see cref="JournalBatch"/>: its journal position and type, and where its copied
/// payload sits in the batch's event or decision array (notes carry no payload: projections skip them).</summary>
public readonly record struct JournalBatchRecord(long Position, JournalRecordType Type, long TimeNs, int Index);

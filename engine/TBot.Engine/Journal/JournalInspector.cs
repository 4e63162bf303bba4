namespace TBot.Engine.Journal;

/// <summary>Reads a whole journal (read-only) and summarises it. Never throws for damage: it is reported in the summary.</summary>
public static class JournalInspector
{
    public static JournalSummary Inspect(string directory)
    {
        directory = Path.GetFullPath(directory);
        JournalReader reader;
        try
        {
            reader = JournalReader.Open(directory);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or System.Text.Json.JsonException or UnauthorizedAccessException)
        {
            return new JournalSummary { Directory = directory, Status = JournalStatus.Corrupt, Error = ex.Message, Bytes = SegmentBytes(directory) };
        }

        using (reader)
        {
            var segments = new List<JournalSegmentSummary>();
            long events = 0, decisions = 0, notes = 0, first = 0, last = 0, firstTime = 0, lastTime = 0;
            long segment = -1, segFirst = 0, segLast = 0, segRecords = 0, segFirstTime = 0, segLastTime = 0;
            string? error = null;
            void CloseSegment()
            {
                if (segment < 0) return;
                segments.Add(new JournalSegmentSummary(segment, segFirst, segLast, segRecords, LengthOf(reader, segment), segFirstTime, segLastTime));
            }
            try
            {
                while (reader.TryRead(out var r))
                {
                    if (r.Segment != segment)
                    {
                        CloseSegment();
                        segment = r.Segment;
                        segFirst = r.Position;
                        segRecords = 0;
                        segFirstTime = r.TimeNs;
                    }
                    segLast = r.Position;
                    segLastTime = r.TimeNs;
                    segRecords++;
                    if (first == 0)
                    {
                        first = r.Position;
                        firstTime = r.TimeNs;
                    }
                    last = r.Position;
                    lastTime = r.TimeNs;
                    switch (r.Type)
                    {
                        case JournalRecordType.Event: events++; break;
                        case JournalRecordType.Decision: decisions++; break;
                        default: notes++; break;
                    }
                }
            }
            catch (JournalCorruptException ex)
            {
                error = ex.Message;
            }
            CloseSegment();
            // Segments without a record (a header only) still count.
            foreach (var s in reader.Segments)
            {
                if (!segments.Exists(x => x.Number == s.Number) && error is null)
                    segments.Add(new JournalSegmentSummary(s.Number, s.FirstPosition, s.FirstPosition - 1, 0, s.Length, 0, 0));
            }
            segments.Sort((a, b) => a.Number.CompareTo(b.Number));
            var status = error is not null ? JournalStatus.Corrupt
                : reader.TailDamage != JournalDamage.None ? JournalStatus.TornTail
                : JournalStatus.Clean;
            return new JournalSummary
            {
                Directory = directory,
                JournalId = reader.Manifest.JournalId,
                SchemaVersion = reader.Manifest.SchemaVersion,
                CreatedUtc = reader.Manifest.CreatedUtc,
                Instruments = reader.Manifest.Instruments.Count,
                Segments = segments,
                Events = events,
                Decisions = decisions,
                Notes = notes,
                FirstPosition = first,
                LastPosition = last,
                FirstTimeNs = firstTime,
                LastTimeNs = lastTime,
                Bytes = SegmentBytes(directory),
                Status = status,
                TailDamage = reader.TailDamage,
                TailSegment = reader.TailSegment,
                TailBytes = reader.TailBytes,
                Error = error,
            };
        }
    }

    private static long LengthOf(JournalReader reader, long segment)
    {
        foreach (var s in reader.Segments)
            if (s.Number == segment) return s.Length;
        return 0;
    }

    private static long SegmentBytes(string directory)
    {
        if (!Directory.Exists(directory)) return 0;
        long total = 0;
        foreach (var path in Directory.EnumerateFiles(directory, "seg-*" + JournalFormat.SegmentExtension)) total += new FileInfo(path).Length;
        return total;
    }
}

namespace Lantern.Ingest;

/// <summary>
/// The last line of defence between a reader and the run: an exception a reader did not expect
/// (hostile input finds them) ends that file with a problem naming the file and the last record
/// read, instead of ending the run. Records read before it are kept.
/// </summary>
internal static class ReaderGuard
{
    public static IEnumerable<ReadItem> Read(IDocumentReader reader, SourceFile file, ReadOptions options)
    {
        string? lastLocation = null;
        return Guard(reader.Read(file, options), item =>
        {
            lastLocation = item.Document?.Location.ToString() ?? item.Problem?.Location ?? lastLocation;
        }, exception => new IngestProblem(file.DisplayPath, Position(lastLocation), Stopped(exception)));
    }

    public static IEnumerable<(Relation? Relation, IngestProblem? Problem)> Read(SourceFile file, string format, ReadOptions options)
    {
        string? lastLocation = null;
        return Guard(RelationReader.Read(file, format, options), item =>
        {
            lastLocation = item.Relation is { } relation ? $"line {relation.Line}" : item.Problem?.Location ?? lastLocation;
        }, exception => (null, new IngestProblem(file.DisplayPath, Position(lastLocation), Stopped(exception))));
    }

    private static string Position(string? lastLocation) => lastLocation is null ? "file (before the first record)" : $"after {lastLocation}";

    private static string Stopped(Exception exception) =>
        $"reading stopped here: {exception.GetType().Name}: {exception.Message.TrimEnd('.')}; the records before are kept, the rest of the file is skipped";

    private static IEnumerable<T> Guard<T>(IEnumerable<T> items, Action<T> seen, Func<Exception, T> failure)
    {
        using (var enumerator = items.GetEnumerator())
        {
            while (true)
            {
                T item;
                Exception? failed = null;
                try
                {
                    if (!enumerator.MoveNext())
                    {
                        yield break;
                    }

                    item = enumerator.Current;
                }
                catch (Exception exception) when (IsInputError(exception))
                {
                    failed = exception;
                    item = default!;
                }

                if (failed is not null)
                {
                    yield return failure(failed);
                    yield break;
                }

                seen(item);
                yield return item;
            }
        }
    }

    /// <summary>What the content of a file can cause; running out of memory or the stack is not, nor is a cancelled run.</summary>
    private static bool IsInputError(Exception exception) =>
        exception is not (OutOfMemoryException or InsufficientExecutionStackException or OperationCanceledException or ThreadInterruptedException);
}

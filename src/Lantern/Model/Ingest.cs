namespace Lantern.Model;

/// <summary>How serious a reader's problem with a record is.</summary>
public enum ProblemSeverity
{
    Warning,
    Error,
}

/// <summary>Something wrong with the input, named precisely enough for the analyst to find it.</summary>
public sealed record IngestProblem(string File, string Location, string Message, ProblemSeverity Severity = ProblemSeverity.Error)
{
    public override string ToString() => $"{File}: {Location}: {Message}";
}

/// <summary>The character encodings a source file can be read in.</summary>
public enum SourceEncoding
{
    Utf8,
    Utf16LittleEndian,
    Utf16BigEndian,
    Windows1252,
    Latin1,
}

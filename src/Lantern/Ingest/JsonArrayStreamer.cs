using System.Buffers;
using System.Text.Json;

namespace Lantern.Ingest;

/// <summary>An element of a top-level array, as raw JSON bytes with its byte range in the file (null bytes when too large).</summary>
internal readonly record struct JsonElementSlice(long Index, long Start, long End, ReadOnlyMemory<byte>? Bytes);

/// <summary>
/// Streams one array property of a large top-level JSON object (a Telegram export's
/// <c>messages</c>) element by element, without loading the file: a byte-level scanner tracks
/// strings and nesting, and collects the top-level scalar properties seen on the way.
/// </summary>
internal sealed class JsonArrayStreamer(string arrayProperty, int maxElementBytes)
{
    public Dictionary<string, string> TopLevelScalars { get; } = new(StringComparer.Ordinal);

    public bool ArrayFound { get; private set; }

    public IEnumerable<JsonElementSlice> Read(Stream stream)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        var token = new List<byte>();
        var element = new List<byte>();
        var depth = 0;
        var inString = false;
        var escape = false;
        var expectKey = false;
        string? currentKey = null;
        var inArray = false;
        var elementStart = -1L;
        var elementTooLarge = false;
        long elementIndex = 0;
        long position = 0;
        try
        {
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                for (var i = 0; i < read; i++, position++)
                {
                    var b = buffer[i];
                    if (elementStart >= 0 && !elementTooLarge)
                    {
                        if (element.Count >= maxElementBytes)
                        {
                            elementTooLarge = true;
                            element.Clear();
                        }
                        else
                        {
                            element.Add(b);
                        }
                    }

                    if (inString)
                    {
                        if (escape)
                        {
                            escape = false;
                        }
                        else if (b == '\\')
                        {
                            escape = true;
                        }
                        else if (b == '"')
                        {
                            inString = false;
                            if (depth == 1 && elementStart < 0)
                            {
                                var value = DecodeString(token);
                                if (expectKey)
                                {
                                    currentKey = value;
                                    expectKey = false;
                                }
                                else if (currentKey is not null)
                                {
                                    TopLevelScalars[currentKey] = value;
                                    currentKey = null;
                                }
                            }

                            continue;
                        }

                        if (depth == 1 && elementStart < 0 && token.Count < 4096)
                        {
                            token.Add(b);
                        }

                        continue;
                    }

                    switch (b)
                    {
                        case (byte)'"':
                            inString = true;
                            token.Clear();
                            break;
                        case (byte)'{' or (byte)'[':
                            depth++;
                            if (depth == 1 && b == '{')
                            {
                                expectKey = true;
                            }
                            else if (depth == 2 && b == '[' && currentKey == arrayProperty)
                            {
                                inArray = true;
                                ArrayFound = true;
                            }
                            else if (depth == 3 && inArray && elementStart < 0)
                            {
                                elementStart = position;
                                elementTooLarge = false;
                                element.Clear();
                                element.Add(b);
                            }

                            break;
                        case (byte)'}' or (byte)']':
                            depth--;
                            if (depth == 2 && inArray && elementStart >= 0)
                            {
                                var bytes = elementTooLarge ? (ReadOnlyMemory<byte>?)null : element.ToArray();
                                yield return new JsonElementSlice(elementIndex++, elementStart, position + 1, bytes);
                                elementStart = -1;
                                element.Clear();
                            }
                            else if (depth == 1 && inArray)
                            {
                                inArray = false;
                                currentKey = null;
                            }
                            else if (depth == 1)
                            {
                                currentKey = null;
                            }

                            break;
                        case (byte)',':
                            if (depth == 1)
                            {
                                expectKey = true;
                                currentKey = null;
                            }

                            break;
                        default:
                            if (depth == 1 && currentKey is not null && elementStart < 0 && b is (byte)'-' or >= (byte)'0' and <= (byte)'9')
                            {
                                TopLevelScalars[currentKey] = TopLevelScalars.GetValueOrDefault(currentKey, string.Empty) + (char)b;
                            }

                            break;
                    }
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static string DecodeString(List<byte> raw)
    {
        var quoted = new byte[raw.Count + 2];
        quoted[0] = (byte)'"';
        raw.CopyTo(quoted, 1);
        quoted[^1] = (byte)'"';
        try
        {
            return JsonSerializer.Deserialize<string>(JsonEscapes.RepairLoneSurrogates(quoted).Json.Span) ?? string.Empty;
        }
        catch (JsonException)
        {
            return string.Empty;
        }
    }
}

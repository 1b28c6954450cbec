using System.Text.Json;

namespace Lantern.Demo;

/// <summary>Reads a ground-truth file as the demo writes it.</summary>
public static class GroundTruthFile
{
    public static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static GroundTruth Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<GroundTruth>(File.ReadAllText(path), Options)
                ?? throw new BadInputException($"{path}: empty ground-truth file");
        }
        catch (JsonException exception)
        {
            throw new BadInputException($"{path}: not a Lantern ground-truth file ({exception.Message})", exception);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new NotFoundException($"{path}: no such file");
        }
    }
}

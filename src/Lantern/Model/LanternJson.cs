using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lantern.Model;

/// <summary>
/// The one JSON contract of both shells: the CLI's <c>--json</c> and the web API serialize the same
/// model records with these options (snake_case names, nulls written, non-ASCII text as written).
/// </summary>
public static class LanternJson
{
    /// <summary>Made on first use: building the encoder costs start-up time that commands printing tables never need.</summary>
    public static JsonSerializerOptions Options => field ??= Apply(new JsonSerializerOptions());

    /// <summary>Sets these options on a host's serializer options (ASP.NET Core's).</summary>
    public static JsonSerializerOptions Apply(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        return options;
    }
}

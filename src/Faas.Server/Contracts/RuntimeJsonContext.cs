using System.Text.Json.Serialization;

namespace Faas.Server.Contracts;

[JsonSerializable(typeof(RuntimeResponse[]))]
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
internal sealed partial class RuntimeJsonContext : JsonSerializerContext
{
    /// <summary>Messages read as written (no escaping of HTML-sensitive characters).</summary>
    public static RuntimeJsonContext Relaxed { get; } = new(new System.Text.Json.JsonSerializerOptions
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}

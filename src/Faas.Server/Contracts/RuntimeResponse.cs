using System.Text.Json.Serialization;

namespace Faas.Server.Contracts;

/// <summary>One language of <c>GET /api/runtimes</c>, with its runtime's version or why it is unavailable.</summary>
public sealed record RuntimeResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("aliases")] IReadOnlyList<string> Aliases,
    [property: JsonPropertyName("extensions")] IReadOnlyList<string> Extensions,
    [property: JsonPropertyName("runtime")] string Runtime,
    [property: JsonPropertyName("available")] bool Available,
    [property: JsonPropertyName("version")] string? Version,
    [property: JsonPropertyName("executable")] string Executable,
    [property: JsonPropertyName("error")] string? Error);

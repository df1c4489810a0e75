using System.Text.Json.Serialization;

namespace Faas.Core.Manifests;

/// <summary>A <c>metacall*.json</c> file: which scripts of which language to load.</summary>
public sealed record MetacallJson(
    [property: JsonPropertyName("language_id")] string? LanguageId,
    [property: JsonPropertyName("path")] string? Path,
    [property: JsonPropertyName("scripts")] IReadOnlyList<string>? Scripts);

[JsonSerializable(typeof(MetacallJson))]
[JsonSerializable(typeof(List<MetacallJson>))]
[JsonSerializable(typeof(List<string>))]
internal sealed partial class ManifestJsonContext : JsonSerializerContext;

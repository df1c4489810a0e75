using System.Text.Json.Serialization;

namespace Faas.Server.Security;

/// <summary>Body of <c>POST /api/keys</c>.</summary>
public sealed record CreateKeyRequest(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("scope")] string? Scope,
    [property: JsonPropertyName("app")] string? App);

/// <summary>A key as <c>GET /api/keys</c> lists it: never the key itself.</summary>
public sealed record KeyInfo(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("scope")] string Scope,
    [property: JsonPropertyName("app")] string? App,
    [property: JsonPropertyName("created")] DateTimeOffset Created);

/// <summary>Answer of <c>POST /api/keys</c>: the key, shown this once.</summary>
public sealed record CreatedKey(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("scope")] string Scope,
    [property: JsonPropertyName("app")] string? App,
    [property: JsonPropertyName("created")] DateTimeOffset Created);

/// <summary>Body of <c>POST /api/login</c>.</summary>
public sealed record LoginRequest([property: JsonPropertyName("key")] string? Key);

/// <summary>Answer of <c>POST /api/login</c>.</summary>
public sealed record LoginResponse([property: JsonPropertyName("expires")] DateTimeOffset Expires);

/// <summary>The stored key file.</summary>
internal sealed record KeyFile(
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("keys")] IReadOnlyList<StoredKey> Keys);

[JsonSerializable(typeof(CreateKeyRequest))]
[JsonSerializable(typeof(KeyInfo[]))]
[JsonSerializable(typeof(CreatedKey))]
[JsonSerializable(typeof(LoginRequest))]
[JsonSerializable(typeof(LoginResponse))]
[JsonSerializable(typeof(KeyFile))]
[JsonSourceGenerationOptions(WriteIndented = true)]
internal sealed partial class KeyJsonContext : JsonSerializerContext;

using System.Text.Json.Serialization;

namespace Faas.Core.Deployments;

/// <summary>What the server remembers about an app across restarts (<c>state/&lt;name&gt;/deployment.json</c>).</summary>
public sealed record DeploymentRecord
{
    public required string Name { get; init; }

    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;

    /// <summary><c>Package</c> or <c>Repository</c>.</summary>
    public string Source { get; init; } = "Package";

    public string? RepositoryUrl { get; init; }

    public string? Branch { get; init; }

    public IReadOnlyList<string> Runners { get; init; } = [];

    /// <summary>True once <c>deploy/create</c> was asked for: restored apps with it set start again.</summary>
    public bool Deployed { get; init; }

    /// <summary>True once the dependencies were installed for the current files.</summary>
    public bool Installed { get; init; }

    public IReadOnlyList<EnvVar> Env { get; init; } = [];
}

public sealed record EnvVar(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("value")] string Value);

[JsonSerializable(typeof(DeploymentRecord))]
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class DeploymentJsonContext : JsonSerializerContext;

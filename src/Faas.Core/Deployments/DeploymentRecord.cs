using System.Text.Json.Serialization;

namespace Faas.Core.Deployments;

/// <summary>
/// What the server remembers about an app across restarts (<c>state/&lt;name&gt;/app.json</c>): where its
/// current source came from, the versions it keeps, which one is active, and the last failed deploy.
/// </summary>
public sealed record DeploymentRecord
{
    public required string Name { get; init; }

    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>Where the source folder came from: <c>Package</c> or <c>Repository</c>.</summary>
    public string Source { get; init; } = "Package";

    public string? RepositoryUrl { get; init; }

    public string? Branch { get; init; }

    public IReadOnlyList<string> Runners { get; init; } = [];

    /// <summary>True once a deploy was asked for: a restored app with no active version deploys its source again.</summary>
    public bool Deployed { get; init; }

    /// <summary>The env of the last deploy asked for (each version keeps its own copy).</summary>
    public IReadOnlyList<EnvVar> Env { get; init; } = [];

    /// <summary>The number of the active version; null before the first successful deploy.</summary>
    public int? Active { get; init; }

    /// <summary>The kept versions, oldest first.</summary>
    public IReadOnlyList<VersionRecord> Versions { get; init; } = [];

    /// <summary>The version being built; still set after a restart means the server died mid-deploy.</summary>
    public int? Deploying { get; init; }

    /// <summary>The last deploy that failed, cleared by the next one that succeeds.</summary>
    public DeployFailure? LastFailure { get; init; }

    /// <summary>The number the next version gets.</summary>
    public int NextVersion => Versions.Count == 0 ? 1 : Versions.Max(v => v.Number) + 1;
}

public sealed record EnvVar(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("value")] string Value);

/// <summary>A deploy that did not become a version: which number it would have had, when and why it failed.</summary>
public sealed record DeployFailure(int Version, DateTimeOffset At, string Reason);

[JsonSerializable(typeof(DeploymentRecord))]
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class DeploymentJsonContext : JsonSerializerContext;

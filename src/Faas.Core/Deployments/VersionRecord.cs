namespace Faas.Core.Deployments;

/// <summary>One immutable version of an app: made by a successful deploy, kept until retention removes it.</summary>
public sealed record VersionRecord
{
    public required int Number { get; init; }

    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;

    /// <summary><c>Package</c>, <c>Repository</c> or <c>Upload</c> (<c>PUT /api/apps/{app}</c>).</summary>
    public string Source { get; init; } = "Package";

    public string? RepositoryUrl { get; init; }

    public string? Branch { get; init; }

    /// <summary>SHA-256 of its source files (see <c>ContentHash</c>).</summary>
    public string Hash { get; init; } = "";

    /// <summary>The environment its workers run with.</summary>
    public IReadOnlyList<EnvVar> Env { get; init; } = [];

    /// <summary>How the deploy said to treat the app: <c>server</c>, <c>functions</c>, or null (its files tell; see <c>ServerKinds</c>).</summary>
    public string? Kind { get; init; }

    public string Id => VersionId.Format(Number);
}

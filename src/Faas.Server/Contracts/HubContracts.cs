using System.Text.Json.Serialization;
using Faas.Core.Deployments;

namespace Faas.Server.Contracts;

public sealed record IdResponse([property: JsonPropertyName("id")] string Id);

public sealed record DeployRequest(
    [property: JsonPropertyName("suffix")] string? Suffix,
    [property: JsonPropertyName("resourceType")] string? ResourceType,
    [property: JsonPropertyName("release")] string? Release,
    [property: JsonPropertyName("env")] IReadOnlyList<EnvVar>? Env,
    [property: JsonPropertyName("plan")] string? Plan,
    [property: JsonPropertyName("version")] string? Version);

public sealed record DeployResponse(
    [property: JsonPropertyName("prefix")] string Prefix,
    [property: JsonPropertyName("suffix")] string Suffix,
    [property: JsonPropertyName("version")] string Version);

/// <summary>Body of <c>deploy/rollback</c>: the app and the kept version to make active.</summary>
public sealed record RollbackRequest(
    [property: JsonPropertyName("suffix")] string? Suffix,
    [property: JsonPropertyName("version")] string? Version);

/// <summary>One deployed app as <c>billing/list-subscriptions-deploys</c> lists it (what <c>metacall-deploy --force</c> looks up).</summary>
public sealed record SubscriptionDeploy(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("plan")] string Plan,
    [property: JsonPropertyName("date")] long Date,
    [property: JsonPropertyName("deploy")] string Deploy);

/// <summary>Body of <c>deploy/delete</c> and <c>deploy/logs</c>.</summary>
public sealed record AppRequest(
    [property: JsonPropertyName("prefix")] string? Prefix,
    [property: JsonPropertyName("suffix")] string? Suffix,
    [property: JsonPropertyName("version")] string? Version,
    [property: JsonPropertyName("container")] string? Container,
    [property: JsonPropertyName("type")] string? Type);

public sealed record RepositoryRequest(
    [property: JsonPropertyName("url")] string? Url,
    [property: JsonPropertyName("branch")] string? Branch,
    [property: JsonPropertyName("jsons")] System.Text.Json.JsonElement? Jsons);

public sealed record BranchesResponse([property: JsonPropertyName("branches")] IReadOnlyList<string> Branches);

public sealed record FilesResponse([property: JsonPropertyName("files")] IReadOnlyList<string> Files);

public sealed record StatusResponse(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("data")] bool Data);

public sealed record ErrorResponse([property: JsonPropertyName("error")] string Error);

[JsonSerializable(typeof(IdResponse))]
[JsonSerializable(typeof(DeployRequest))]
[JsonSerializable(typeof(DeployResponse))]
[JsonSerializable(typeof(AppRequest))]
[JsonSerializable(typeof(RollbackRequest))]
[JsonSerializable(typeof(SubscriptionDeploy[]))]
[JsonSerializable(typeof(RepositoryRequest))]
[JsonSerializable(typeof(BranchesResponse))]
[JsonSerializable(typeof(FilesResponse))]
[JsonSerializable(typeof(StatusResponse))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(string))]
internal sealed partial class HubJsonContext : JsonSerializerContext
{
    /// <summary>Like <see cref="JsonSerializerContext"/>'s default but without escaping HTML-sensitive characters, so messages read as written.</summary>
    public static HubJsonContext Relaxed { get; } = new(new System.Text.Json.JsonSerializerOptions
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}

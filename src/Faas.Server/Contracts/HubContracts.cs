using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Faas.Core.Deployments;
using Faas.Server.OpenApi;

namespace Faas.Server.Contracts;

[Description("The name of the app that was created.")]
[JsonExample("""{"id": "sum"}""")]
public sealed record IdResponse([property: JsonPropertyName("id"), Description("The app's name: the `suffix` of the other routes.")] string Id);

[Description("Body of `deploy/create`: which uploaded app to deploy, with extra environment variables.")]
[JsonExample("""{"suffix": "sum", "resourceType": "Package", "release": "v1", "env": [{"name": "GREETING", "value": "hello"}], "plan": "Essential", "version": "v1"}""")]
public sealed record DeployRequest(
    [property: JsonPropertyName("suffix"), Required, Description("The app's name, as `package/create` or `repository/add` answered it.")] string? Suffix,
    [property: JsonPropertyName("resourceType"), Description("`Package` or `Repository` (informational).")] string? ResourceType,
    [property: JsonPropertyName("release"), Description("The Hub's release tag (informational).")] string? Release,
    [property: JsonPropertyName("env"), Description("Environment variables merged into the app's saved ones (a name is overridden, never removed).")] IReadOnlyList<EnvVar>? Env,
    [property: JsonPropertyName("plan"), Description("The Hub's plan (informational; every plan is available locally).")] string? Plan,
    [property: JsonPropertyName("version"), Description("The Hub's version (informational).")] string? Version);

[Description("Where the deployed app answers: `/{prefix}/{suffix}/{version}/call/{func}`.")]
[JsonExample("""{"prefix": "my-host", "suffix": "sum", "version": "v1"}""")]
public sealed record DeployResponse(
    [property: JsonPropertyName("prefix"), Description("This server's host name, the first segment of call URLs.")] string Prefix,
    [property: JsonPropertyName("suffix"), Description("The app's name.")] string Suffix,
    [property: JsonPropertyName("version"), Description("The deployed version.")] string Version);

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
[Description("Names an app (`deploy/delete`, `deploy/logs`); only `suffix` is read, the rest is accepted as the Hub's clients send it.")]
[JsonExample("""{"prefix": "my-host", "suffix": "sum", "version": "v1"}""")]
public sealed record AppRequest(
    [property: JsonPropertyName("prefix"), Description("This server's host name (not checked).")] string? Prefix,
    [property: JsonPropertyName("suffix"), Required, Description("The app's name.")] string? Suffix,
    [property: JsonPropertyName("version"), Description("The app's version (not checked).")] string? Version,
    [property: JsonPropertyName("container"), Description("The Hub's container name (`deploy/logs`; not used).")] string? Container,
    [property: JsonPropertyName("type"), Description("The Hub's log type, `deploy` or `job` (`deploy/logs`; not used).")] string? Type);

[Description("A git repository: `url` for `branchlist`; `url` and `branch` for `filelist` and `add`.")]
[JsonExample("""{"url": "https://github.com/metacall/examples", "branch": "master", "jsons": []}""")]
public sealed record RepositoryRequest(
    [property: JsonPropertyName("url"), Required, Description("The repository's https or ssh URL.")] string? Url,
    [property: JsonPropertyName("branch"), Description("The branch to list or clone (`filelist`, `add`).")] string? Branch,
    [property: JsonPropertyName("jsons"), Description("`add` only: MetaCall json files to write into the app, as an array (or a JSON string holding one).")] System.Text.Json.JsonElement? Jsons);

[JsonExample("""{"branches": ["main", "dev"]}""")]
public sealed record BranchesResponse([property: JsonPropertyName("branches"), Description("The repository's branch names.")] IReadOnlyList<string> Branches);

[JsonExample("""{"files": ["index.js", "package.json"]}""")]
public sealed record FilesResponse([property: JsonPropertyName("files"), Description("Paths of the branch's files, relative to its root.")] IReadOnlyList<string> Files);

public sealed record StatusResponse(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("data")] bool Data);

[Description("A failed function call.")]
[JsonExample("""{"error": "The function 'sum' does not exist in the application 'calc'."}""")]
public sealed record ErrorResponse([property: JsonPropertyName("error"), Description("What went wrong, fit to show the user.")] string Error);

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
[JsonSerializable(typeof(CreateAppRequest))]
[JsonSerializable(typeof(UpdateCodeRequest))]
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

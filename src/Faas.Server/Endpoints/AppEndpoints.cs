using System.Text.Json;
using Faas.Core;
using Faas.Core.Deployments;
using Faas.Core.Packages;
using Faas.Core.Servers;
using Faas.Core.Storage;
using Faas.Server.Contracts;
using Faas.Server.Errors;
using Faas.Server.Hosting;
using Faas.Server.OpenApi;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Faas.Server.Endpoints;

/// <summary>Our own app routes: <c>PUT /api/apps/{app}</c> deploys an archive as the app's next version.</summary>
internal static class AppEndpoints
{
    public static IEndpointRouteBuilder MapAppEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/apps").WithTags("Apps").WithMetadata(JsonErrors.Instance);
        group.MapPut("/{app}", DeployVersionAsync)
            .WithSummary("Deploy a zip or .tar.gz as the app's next version (the app is created if it does not exist)")
            .WithDescription("Send the archive as multipart/form-data (a `raw` file part and an optional `env` field) or as the raw body "
                + "(`Content-Type: application/zip`). The new version is installed and loaded beside the active one and becomes active only "
                + "once it loaded; a failure (422) leaves the active version serving. Answers like `deploy/create`, with the version created.")
            .DisableAntiforgery()
            .AcceptsForm(
                new FormField("raw", "The app as a zip or .tar.gz file.", Required: true, IsFile: true),
                new FormField("kind", "`server` to run the app as an HTTP server (proxied at /invoke/{app}), `functions` to load its functions; "
                    + "absent: its files tell (a faas.json saying so, else a Dockerfile or go.mod is a server). Also accepted as ?kind=.", Example: "server"),
                new FormField("env", "Environment variables for the new version, merged over the active one's: `{\"NAME\":\"value\"}` or `[{\"name\":\"NAME\",\"value\":\"value\"}]`.", Example: "{}"))
            .ProducesJsonError(StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    private static async Task<Ok<DeployResponse>> DeployVersionAsync(
        string app, HttpContext context, PackageUploader uploader, DeploymentManager manager, DeploymentRegistry registry,
        StorageOptions storage, HostPrefix prefix, FunctionUrls urls, CancellationToken cancellationToken)
    {
        var (archive, env, formKind) = await ReadUploadAsync(context, storage.MaxPackageBytes, cancellationToken);
        var kind = KindOf(context.Request.Query["kind"].ToString() is { Length: > 0 } query ? query : formKind);
        await using (archive)
        {
            await uploader.UploadAsync(app, archive, null, null, replaceDeployed: true, cancellationToken);
        }
        var version = await manager.DeployAsync(app, env, kind, cancellationToken);
        urls.Announce(registry.Get(app, FaasError.NotFound), version.Id, context.Request);
        return TypedResults.Ok(new DeployResponse(prefix.Value, app, version.Id));
    }

    /// <summary>The <c>kind</c> hint (<c>server</c> or <c>functions</c>), from the query or the form; null when absent.</summary>
    private static string? KindOf(string? kind) =>
        string.IsNullOrEmpty(kind) ? null
        : ServerKinds.IsValidHint(kind) ? kind
        : throw new FaasException(FaasError.BadRequest, $"kind must be '{ServerKinds.Server}' or '{ServerKinds.Functions}', not '{kind}'.");

    /// <summary>The archive (a multipart <c>raw</c> part, or the body itself), the env to deploy with and the form's <c>kind</c>.</summary>
    private static async Task<(Stream Archive, IReadOnlyList<EnvVar> Env, string? Kind)> ReadUploadAsync(HttpContext context, long limit, CancellationToken cancellationToken)
    {
        var request = context.Request;
        if (request.HasFormContentType)
        {
            var form = await UploadForm.ReadAsync(context, limit, cancellationToken);
            var file = form.Files.GetFile("raw") ?? form.Files.FirstOrDefault()
                ?? throw new FaasException(FaasError.BadRequest, "The upload has no file: send the archive in the 'raw' field.");
            return (file.OpenReadStream(), ParseEnv(form["env"]), form["kind"].ToString());
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }
        if (request.ContentLength == 0)
        {
            throw new FaasException(FaasError.BadRequest, "The request has no body: send the archive as multipart/form-data ('raw') or as an application/zip body.");
        }
        return (await SpoolAsync(request.Body, cancellationToken), [], null);
    }

    /// <summary>
    /// The raw body, copied to a temporary file that deletes itself: the extractor reads synchronously
    /// (and a zip needs seeking), which a request body does not allow.
    /// </summary>
    private static async Task<Stream> SpoolAsync(Stream body, CancellationToken cancellationToken)
    {
        var temp = new FileStream(Path.Combine(Path.GetTempPath(), $"faas-upload-{Guid.NewGuid():N}"), FileMode.CreateNew,
            FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            await body.CopyToAsync(temp, cancellationToken);
            temp.Position = 0;
            return temp;
        }
        catch
        {
            await temp.DisposeAsync();
            throw;
        }
    }

    /// <summary>The <c>env</c> field: <c>{"NAME":"value"}</c> or <c>[{"name":..,"value":..}]</c> (as <c>deploy/create</c>).</summary>
    private static IReadOnlyList<EnvVar> ParseEnv(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            return root.ValueKind switch
            {
                JsonValueKind.Object => [.. root.EnumerateObject().Select(p => new EnvVar(p.Name, StringOf(p.Value)))],
                JsonValueKind.Array => [.. root.EnumerateArray().Select(e => new EnvVar(e.GetProperty("name").GetString()!, StringOf(e.GetProperty("value"))))],
                _ => throw new FaasException(FaasError.BadRequest, "The env field must be a JSON object or an array of {name, value}."),
            };
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FaasException(FaasError.BadRequest, $"The env field is not valid: {e.Message}");
        }
    }

    private static string StringOf(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
}

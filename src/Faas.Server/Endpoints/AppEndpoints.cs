using System.Text.Json;
using Faas.Core;
using Faas.Core.Deployments;
using Faas.Core.Packages;
using Faas.Core.Storage;
using Faas.Server.Contracts;
using Faas.Server.Errors;
using Faas.Server.Hosting;
using Microsoft.AspNetCore.Http.Features;

namespace Faas.Server.Endpoints;

/// <summary>Our own app routes: <c>PUT /api/apps/{app}</c> deploys an archive as the app's next version.</summary>
internal static class AppEndpoints
{
    public static IEndpointRouteBuilder MapAppEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPut("/api/apps/{app}", DeployVersionAsync)
            .WithTags("Apps")
            .WithSummary("Deploy a zip or .tar.gz as the app's next version (the app is created if it does not exist)")
            .WithDescription("Send the archive as multipart/form-data (a `raw` file part and an optional `env` field: " +
                "`[{\"name\":\"K\",\"value\":\"V\"}]` or `{\"K\":\"V\"}`) or as the raw body (`application/zip`). The new version " +
                "is installed and loaded beside the active one and becomes active only once it loaded; the answer is the " +
                "same as `deploy/create`'s, with the version created.")
            .DisableAntiforgery()
            .Accepts<IFormFile>("multipart/form-data", "application/zip", "application/gzip", "application/octet-stream")
            .Produces<DeployResponse>()
            .Produces<ErrorResponse>(400).Produces<ErrorResponse>(413).Produces<ErrorResponse>(422);
        return app;
    }

    private static async Task<IResult> DeployVersionAsync(
        string app, HttpContext context, PackageUploader uploader, DeploymentManager manager, StorageOptions storage, HostPrefix prefix,
        CancellationToken cancellationToken)
    {
        try
        {
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = storage.MaxPackageBytes;
            }
            var (archive, env) = await ReadUploadAsync(context.Request, storage, cancellationToken);
            await using (archive)
            {
                await uploader.UploadAsync(app, archive, null, null, replaceDeployed: true, cancellationToken);
            }
            var version = await manager.DeployAsync(app, env, cancellationToken);
            return Results.Json(new DeployResponse(prefix.Value, app, version.Id), HubJsonContext.Relaxed.DeployResponse);
        }
        catch (FaasException e)
        {
            return ErrorResults.Json(e);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return ErrorResults.Json(new FaasException(FaasError.TooLarge, $"The upload is larger than the limit of {storage.MaxPackageBytes} bytes."));
        }
    }

    /// <summary>The archive (a multipart <c>raw</c> part, or the whole body buffered to a temporary file) and the env to deploy with.</summary>
    private static async Task<(Stream Archive, IReadOnlyList<EnvVar> Env)> ReadUploadAsync(HttpRequest request, StorageOptions storage, CancellationToken cancellationToken)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            var file = form.Files.GetFile("raw") ?? form.Files.FirstOrDefault()
                ?? throw new FaasException(FaasError.BadRequest, "The upload has no file: send the archive in the 'raw' field.");
            return (file.OpenReadStream(), ParseEnv(form["env"]));
        }
        var buffer = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
        await request.Body.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length == 0)
        {
            await buffer.DisposeAsync();
            throw new FaasException(FaasError.BadRequest, "The request has no body: send the archive as multipart/form-data ('raw') or as an application/zip body.");
        }
        buffer.Position = 0;
        return (buffer, []);
    }

    /// <summary>The <c>env</c> field: <c>[{"name":..,"value":..}]</c> (as <c>deploy/create</c>) or <c>{"NAME":"value"}</c>.</summary>
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

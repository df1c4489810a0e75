using Faas.Core;
using Faas.Core.Packages;
using Faas.Core.Storage;
using Faas.Server.Contracts;
using Faas.Server.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Faas.Server.Endpoints;

/// <summary><c>package/create</c>: a multipart upload of a zip, with its fields in any order.</summary>
internal static class PackageEndpoints
{
    public static IEndpointRouteBuilder MapPackageEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/package/create", UploadAsync)
            .WithTags("Deployments")
            .WithSummary("Upload a zip as a new app")
            .WithDescription("Stores the app's files under the name `id`; `deploy/create` then installs and starts it. "
                + "Fields may come in any order; the zip may be in `raw` or in the only file part. "
                + "Uploading the name of a `ready` app answers 400 (delete it first).")
            .DisableAntiforgery()
            .AcceptsForm(
                new FormField("id", "The app's name: 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit.", Required: true, Example: "sum"),
                new FormField("type", "The zip's MIME type, as the Hub's clients send it (not checked).", Example: "application/x-zip-compressed"),
                new FormField("jsons", "MetaCall json files to write into the app, as a JSON array; `[]` to use the zip's own or to detect the scripts.", Example: "[]"),
                new FormField("runners", "Runners the CLI detected, as a JSON array (informational).", Example: "[]"),
                new FormField("raw", "The app as a zip file.", Required: true, IsFile: true))
            .ProducesText(StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge);
        return app;
    }

    private static async Task<Created<IdResponse>> UploadAsync(HttpContext context, PackageUploader uploader, StorageOptions storage, CancellationToken cancellationToken)
    {
        var form = await UploadForm.ReadAsync(context, storage.MaxPackageBytes, cancellationToken);
        var file = form.Files.GetFile("raw") ?? form.Files.FirstOrDefault()
            ?? throw new FaasException(FaasError.BadRequest, "The upload has no file: send the zip in the 'raw' field.");
        await using var zip = file.OpenReadStream();
        var name = await uploader.UploadAsync(form["id"], zip, form["jsons"], form["runners"], replaceDeployed: false, cancellationToken);
        return TypedResults.Created((string?)null, new IdResponse(name.Value));
    }
}

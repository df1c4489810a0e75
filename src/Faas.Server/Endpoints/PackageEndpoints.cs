using Faas.Core;
using Faas.Core.Packages;
using Faas.Core.Storage;
using Faas.Server.Contracts;
using Faas.Server.Errors;
using Microsoft.AspNetCore.Http.Features;

namespace Faas.Server.Endpoints;

/// <summary><c>package/create</c>: a multipart upload of a zip, with its fields in any order.</summary>
internal static class PackageEndpoints
{
    public static IEndpointRouteBuilder MapPackageEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/package/create", UploadAsync)
            .WithTags("Deployments")
            .WithSummary("Upload a zip (multipart fields: id, type, jsons, runners, raw) as a new app")
            .DisableAntiforgery()
            .Accepts<IFormFile>("multipart/form-data", "*/*")
            .Produces<IdResponse>(StatusCodes.Status201Created).Produces<string>(400).Produces<string>(413);
        return app;
    }

    private static async Task<IResult> UploadAsync(HttpContext context, PackageUploader uploader, StorageOptions storage, CancellationToken cancellationToken)
    {
        var request = context.Request;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = storage.MaxPackageBytes;
        }
        if (!request.HasFormContentType)
        {
            return Text(FaasError.BadRequest, "Expected a multipart/form-data upload with the zip in the 'raw' field.");
        }
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = storage.MaxPackageBytes, BufferBodyLengthLimit = storage.MaxPackageBytes }, cancellationToken);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Text(FaasError.TooLarge, $"The upload is larger than the limit of {storage.MaxPackageBytes} bytes.");
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            return Text(e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase) ? FaasError.TooLarge : FaasError.BadRequest, $"The upload could not be read: {e.Message}");
        }
        var file = form.Files.GetFile("raw") ?? form.Files.FirstOrDefault();
        if (file is null)
        {
            return Text(FaasError.BadRequest, "The upload has no file: send the zip in the 'raw' field.");
        }
        try
        {
            await using var zip = file.OpenReadStream();
            var name = await uploader.UploadAsync(form["id"], zip, form["jsons"], form["runners"], replaceDeployed: false, cancellationToken);
            return Results.Json(new IdResponse(name.Value), HubJsonContext.Relaxed.IdResponse, statusCode: StatusCodes.Status201Created);
        }
        catch (FaasException e)
        {
            return ErrorResults.Text(e);
        }
    }

    private static IResult Text(FaasError error, string message) => ErrorResults.Text(new FaasException(error, message));
}

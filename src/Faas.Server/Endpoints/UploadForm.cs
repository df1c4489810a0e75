using Faas.Core;
using Microsoft.AspNetCore.Http.Features;

namespace Faas.Server.Endpoints;

/// <summary>Reads <c>package/create</c>'s multipart form within the upload limit; every failure is a 400 or 413 with a message.</summary>
internal static class UploadForm
{
    public static async Task<IFormCollection> ReadAsync(HttpContext context, long limit, CancellationToken cancellationToken)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }
        if (!context.Request.HasFormContentType)
        {
            throw new FaasException(FaasError.BadRequest, "Expected a multipart/form-data upload with the zip in the 'raw' field.");
        }
        try
        {
            return await context.Request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = limit, BufferBodyLengthLimit = limit }, cancellationToken);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw new FaasException(FaasError.TooLarge, $"The upload is larger than the limit of {limit} bytes.", e);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            var error = e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase) ? FaasError.TooLarge : FaasError.BadRequest;
            throw new FaasException(error, $"The upload could not be read: {e.Message}", e);
        }
    }
}

namespace Faas.Server.Endpoints;

/// <summary>
/// A function's JSON result, written as the worker sent it; empty: a 200 with no body. Plain bytes: none of the
/// range, cache-validator or file-name handling of <c>TypedResults.Bytes</c>, which a call result never needs.
/// </summary>
internal sealed class JsonBytesResult(ReadOnlyMemory<byte> json) : IResult
{
    public Task ExecuteAsync(HttpContext context)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        if (json.IsEmpty)
        {
            return Task.CompletedTask;
        }
        response.ContentType = "application/json";
        response.ContentLength = json.Length;
        return response.Body.WriteAsync(json, context.RequestAborted).AsTask();
    }
}

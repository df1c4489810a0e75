using System.Buffers;
using Faas.Core;
using Faas.Core.Calls;
using Faas.Server.Errors;
using Faas.Server.Hosting;
using Faas.Server.OpenApi;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.Options;

namespace Faas.Server.Endpoints;

/// <summary>Function calls (<c>call</c>, <c>await</c>) and static files of an app.</summary>
internal static class CallEndpoints
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static IEndpointRouteBuilder MapCallEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/{prefix}/{suffix}/{version}").WithTags("Functions").WithMetadata(JsonErrors.Instance);
        group.MapMethods("/call/{func}", ["GET", "POST"], CallAsync)
            .WithMetadata(WritesOwnBody.Instance)
            .WithSummary("Call a function")
            .WithDescription("`prefix` is the server's host name (the `prefix` of `deploy/create`'s answer), `suffix` the app, `version` `v1`. "
                + "A JSON array body is positional, an object binds by name when every key names a parameter (else its values are passed in order), "
                + "a url-encoded form is an object of strings, no body means no arguments. The answer is the function's JSON result. "
                + "`X-Faas-Timeout: <seconds>` sets this call's own timeout.")
            .AcceptsCallArguments()
            .ProducesCallErrors();
        group.MapMethods("/await/{func}", ["GET", "POST"], CallAsync)
            .WithMetadata(WritesOwnBody.Instance)
            .WithSummary("Call an async function and wait for its result")
            .WithDescription("The same as `call` (both wait for async functions); kept for the Hub's clients.")
            .AcceptsCallArguments()
            .ProducesCallErrors();
        group.MapGet("/static/{**path}", ServeStatic)
            .WithSummary("A file the app lists in a 'file' metacall json")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
            .ProducesJsonError(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<JsonBytesResult> CallAsync(
        HttpContext context, string prefix, string suffix, string version, string func,
        FunctionInvoker invoker, HostPrefix host, IOptions<ServerOptions> options, CancellationToken cancellationToken)
    {
        if (!host.Matches(prefix))
        {
            throw new AppNotDeployedException(suffix);
        }
        var body = await ReadBodyAsync(context, options.Value.MaxCallBodyBytes, cancellationToken);
        var result = await invoker.InvokeAsync(suffix, version, func, body, context.Request.ContentType, RequestedTimeout(context.Request), cancellationToken);
        return new JsonBytesResult(result.Json);
    }

    private static PhysicalFileHttpResult ServeStatic(string prefix, string suffix, string version, string path, StaticFileResolver resolver, HostPrefix host)
    {
        if (!host.Matches(prefix))
        {
            throw new AppNotDeployedException(suffix);
        }
        var file = resolver.Resolve(suffix, version, path);
        var contentType = ContentTypes.TryGetContentType(file, out var type) ? type : "application/octet-stream";
        return TypedResults.PhysicalFile(file, contentType);
    }

    /// <summary>The <c>X-Faas-Timeout</c> header: the caller's own timeout in seconds.</summary>
    private static TimeSpan? RequestedTimeout(HttpRequest request)
    {
        if (!request.Headers.TryGetValue("X-Faas-Timeout", out var values))
        {
            return null;
        }
        return double.TryParse(values.ToString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            && seconds > 0 && seconds <= TimeSpan.FromDays(1).TotalSeconds
            ? TimeSpan.FromSeconds(seconds)
            : throw new FaasException(FaasError.BadRequest, "X-Faas-Timeout must be a number of seconds greater than 0.");
    }

    /// <summary>The whole body, refused with 413 past the limit (checked on Content-Length and while reading chunked bodies).</summary>
    internal static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpContext context, long limit, CancellationToken cancellationToken)
    {
        var request = context.Request;
        if (request.ContentLength > limit)
        {
            throw new FaasException(FaasError.TooLarge, $"The request body is larger than the limit of {limit} bytes.");
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = null;
        }
        int read;
        if (request.ContentLength is { } length)
        {
            // The usual case: read straight into an array of the announced size (Kestrel never gives more).
            var body = new byte[length];
            var filled = 0;
            while (filled < body.Length && (read = await request.Body.ReadAsync(body.AsMemory(filled), cancellationToken)) > 0)
            {
                filled += read;
            }
            return body.AsMemory(0, filled);
        }
        using var buffer = new MemoryStream(256);
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    throw new FaasException(FaasError.TooLarge, $"The request body is larger than the limit of {limit} bytes.");
                }
                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }
}

using System.Globalization;
using System.Text.Json;
using Faas.Core;
using Faas.Core.Calls;
using Faas.Core.Deployments;
using Faas.Core.Executions;
using Faas.Core.Functions;
using Faas.Server.Errors;
using Faas.Server.Hosting;
using Faas.Server.OpenApi;
using Microsoft.Extensions.Options;

namespace Faas.Server.Endpoints;

/// <summary>
/// HTTP functions: <c>/fn/{app}</c> and <c>/fn/{app}/{**path}</c> run the app's handler with <c>(ctx, event)</c>
/// and answer what it returns (docs/http-functions.md). <c>/fn/{app}@v3/...</c> or <c>X-Function-Version: v3</c>
/// pins a kept version. Every answer of an execution carries <c>X-Execution-Id</c>, <c>X-Function-Version</c>
/// and <c>X-Execution-Duration-Ms</c>.
/// </summary>
internal static class HttpFunctionEndpoints
{
    public const string VersionHeader = "X-Function-Version";
    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

    public static IEndpointRouteBuilder MapHttpFunctionEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/fn").WithTags("HTTP functions").WithMetadata(JsonErrors.Instance);
        const string description = "Runs the app's HTTP handler (the function `handler`, or faas.json's `\"handler\"`) with `(ctx, event)` and answers "
            + "its `{statusCode, headers, body, isBase64Encoded}`. `app` may end in `@v3` to pin a kept version (or send `X-Function-Version: v3`); "
            + "else the active version runs. Every answer of an execution carries `X-Execution-Id`, `X-Function-Version` and `X-Execution-Duration-Ms`. "
            + "A handler that throws or returns something else answers 500 `{\"error\":...}`; the detail is in `GET /api/executions/{id}`.";
        group.MapMethods("/{app}", Methods, (HttpContext context, string app, HttpFunctionInvoker invoker, IOptions<ServerOptions> server, ExecutionOptions executions, CancellationToken cancellationToken)
                => InvokeAsync(context, app, "", invoker, server.Value, executions, cancellationToken))
            .WithSummary("Call an app's HTTP handler")
            .WithDescription(description)
            .Accepts<string>(EndpointDocs.AnyContentType)
            .Produces<string>(StatusCodes.Status200OK, "application/json", "text/plain", "application/octet-stream")
            .ProducesJsonError(EndpointDocs.CallErrorStatuses);
        group.MapMethods("/{app}/{**path}", Methods, (HttpContext context, string app, string? path, HttpFunctionInvoker invoker, IOptions<ServerOptions> server, ExecutionOptions executions, CancellationToken cancellationToken)
                => InvokeAsync(context, app, path ?? "", invoker, server.Value, executions, cancellationToken))
            .WithSummary("Call an app's HTTP handler on a sub-path (event.relativePath)")
            .WithDescription(description)
            .Accepts<string>(EndpointDocs.AnyContentType)
            .Produces<string>(StatusCodes.Status200OK, "application/json", "text/plain", "application/octet-stream")
            .ProducesJsonError(EndpointDocs.CallErrorStatuses);
        return app;
    }

    private static async Task InvokeAsync(
        HttpContext context, string appSegment, string path, HttpFunctionInvoker invoker, ServerOptions server, ExecutionOptions executions, CancellationToken cancellationToken)
    {
        var (app, version) = Pin(appSegment, context.Request.Headers[VersionHeader].ToString());
        var body = await CallEndpoints.ReadBodyAsync(context, server.MaxCallBodyBytes, cancellationToken);
        HttpFunctionOutcome outcome;
        try
        {
            outcome = await invoker.InvokeAsync(app, version, ToRequest(context, path, body), cancellationToken);
        }
        catch (AppNotDeployedException e)
        {
            // Call routes answer this one in plain text (as the Hub); HTTP functions answer JSON throughout.
            throw new FaasException(FaasError.NotFound, e.Message, e);
        }
        var response = context.Response;
        response.Headers["X-Execution-Id"] = outcome.ExecutionId;
        response.Headers[VersionHeader] = outcome.Version;
        response.Headers["X-Execution-Duration-Ms"] = outcome.DurationMs.ToString("0.###", CultureInfo.InvariantCulture);
        if (outcome.Response is { } answer)
        {
            await WriteAsync(context, answer, cancellationToken);
            return;
        }
        var failure = outcome.Failure!;
        response.StatusCode = ErrorResults.StatusFor(failure.Error);
        if (failure.Error == FaasError.Overloaded)
        {
            response.Headers.RetryAfter = "1";
        }
        response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(response.Body, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        writer.WriteStartObject();
        writer.WriteString("error"u8, failure.Message);
        writer.WriteString("executionId"u8, outcome.ExecutionId);
        if (executions.ShowErrorDetails && outcome.Detail is { } detail)
        {
            writer.WriteString("detail"u8, detail);
        }
        writer.WriteEndObject();
        await writer.FlushAsync(cancellationToken);
    }

    /// <summary>The app and pinned version: <c>shop@v3</c>, or the header; both must agree.</summary>
    private static (string App, string? Version) Pin(string segment, string header)
    {
        var at = segment.LastIndexOf('@');
        var app = at < 0 ? segment : segment[..at];
        var fromPath = at < 0 ? null : segment[(at + 1)..];
        var fromHeader = header.Length == 0 ? null : header.Trim();
        foreach (var pin in new[] { fromPath, fromHeader })
        {
            if (pin is not null && !VersionId.TryParse(pin, out _) && pin != VersionId.Latest)
            {
                throw new FaasException(FaasError.BadRequest, $"'{pin}' is not a version: pin one as /fn/{app}@v3 or with '{VersionHeader}: v3'.");
            }
        }
        if (fromPath is not null && fromHeader is not null && fromPath != fromHeader)
        {
            throw new FaasException(FaasError.BadRequest, $"The path pins {fromPath} but {VersionHeader} asks for {fromHeader}.");
        }
        return (app, fromPath ?? fromHeader);
    }

    private static HttpFunctionRequest ToRequest(HttpContext context, string path, ReadOnlyMemory<byte> body)
    {
        var request = context.Request;
        return new HttpFunctionRequest(
            request.Method,
            (request.PathBase + request.Path).Value ?? "/",
            "/" + path,
            [.. request.Query.Select(q => new KeyValuePair<string, string[]>(q.Key, [.. q.Value.Select(v => v ?? "")]))],
            [.. request.Headers.Select(h => new KeyValuePair<string, string[]>(h.Key.ToLowerInvariant(), [.. h.Value.Select(v => v ?? "")]))],
            body,
            context.Connection.RemoteIpAddress?.ToString(),
            $"{request.Scheme}://{request.Host.Value}{request.PathBase}",
            context.TraceIdentifier);
    }

    private static async Task WriteAsync(HttpContext context, HandlerResponse answer, CancellationToken cancellationToken)
    {
        var response = context.Response;
        response.StatusCode = answer.StatusCode;
        foreach (var (name, value) in answer.Headers)
        {
            response.Headers.Append(name, value);
        }
        // 204 and 304 have no body (Kestrel refuses one); HEAD bodies are dropped by Kestrel itself.
        if (answer.StatusCode is StatusCodes.Status204NoContent or StatusCodes.Status304NotModified)
        {
            return;
        }
        response.ContentType = answer.ContentType;
        response.ContentLength = answer.Body.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(answer.Body, cancellationToken);
        }
    }
}

using Faas.Server.Contracts;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.AspNetCore.WebUtilities;

namespace Faas.Server.Errors;

/// <summary>
/// Every error answers with a body. ASP.NET answers some refusals with a status and nothing else
/// (415 or 413 from parameter binding, 400 from a request it cannot read), and a route asked with
/// the wrong method or body type falls through to the catch-all 404 ("Can't find"), which misleads:
/// this answers those 405 (with <c>Allow</c>) or 415 (naming the accepted types) and fills in every
/// empty error (except on routes that always write one, <see cref="WritesOwnBody"/>), in the Hub's shapes: plain text, or <c>{"error":...}</c> on call and static routes. A response
/// that already has a body is left alone.
/// </summary>
internal static class ErrorBodies
{
    public static IApplicationBuilder UseErrorBodies(this IApplicationBuilder app)
    {
        var routes = new Lazy<IReadOnlyList<(TemplateMatcher Matcher, Endpoint Endpoint)>>(() => Routes(app.ApplicationServices));
        app.UseWhen(context => context.GetEndpoint()?.Metadata.GetMetadata<WritesOwnBody>() is null,
            branch => branch.UseStatusCodePages(status => WriteAsync(status.HttpContext, Describe(status.HttpContext), JsonShaped(status.HttpContext.GetEndpoint()))));
        return app.Use((context, next) =>
            IsCatchAll(context.GetEndpoint()) && WrongMethodOrType(context, routes.Value) is { } refusal ? refusal : next(context));
    }

    /// <summary>A refusal when the path names a route that the method or the body type does not fit; null when no route has the path.</summary>
    private static Task? WrongMethodOrType(HttpContext context, IReadOnlyList<(TemplateMatcher Matcher, Endpoint Endpoint)> routes)
    {
        var request = context.Request;
        var matches = routes.Where(r => r.Matcher.TryMatch(request.Path, [])).Select(r => r.Endpoint).ToList();
        if (matches.Count == 0)
        {
            return null;
        }
        var json = matches.Any(JsonShaped);
        var methods = matches.SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (!methods.Contains(request.Method, StringComparer.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            context.Response.Headers.Allow = string.Join(", ", methods);
            return WriteAsync(context, $"{request.Method} is not allowed on {request.Path}; use {string.Join(" or ", methods)}.", json);
        }
        var types = matches.SelectMany(e => e.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes ?? []).Distinct(StringComparer.OrdinalIgnoreCase);
        context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
        return WriteAsync(context, $"{request.Method} {request.Path} takes a body of type {string.Join(", ", types)}, not '{request.ContentType ?? "none"}'.", json);
    }

    private static Task WriteAsync(HttpContext context, string message, bool json)
    {
        var code = context.Response.StatusCode;
        var body = json
            ? Results.Json(new ErrorResponse(message), HubJsonContext.Relaxed.ErrorResponse, statusCode: code)
            : Results.Text(message, "text/plain; charset=utf-8", statusCode: code);
        return body.ExecuteAsync(context);
    }

    private static string Describe(HttpContext context)
    {
        var request = context.Request;
        var code = context.Response.StatusCode;
        return code switch
        {
            StatusCodes.Status405MethodNotAllowed => $"{request.Method} is not allowed on {request.Path}.",
            StatusCodes.Status415UnsupportedMediaType => $"The body's content type '{request.ContentType}' is not accepted on {request.Path}.",
            StatusCodes.Status413PayloadTooLarge => "The request body is larger than this route accepts.",
            StatusCodes.Status404NotFound => $"Can't find {request.Path}{request.QueryString} on this server!",
            StatusCodes.Status400BadRequest => "The request could not be read: check its body and headers.",
            _ => $"{code} {ReasonPhrases.GetReasonPhrase(code)}".TrimEnd(),
        };
    }

    /// <summary>The catch-all that answers 404 (<c>MapFallback</c>: no method, the last order).</summary>
    private static bool IsCatchAll(Endpoint? endpoint) =>
        endpoint is RouteEndpoint { Order: int.MaxValue } route && route.Metadata.GetMetadata<IHttpMethodMetadata>() is null;

    private static List<(TemplateMatcher, Endpoint)> Routes(IServiceProvider services) =>
    [
        .. services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => !IsCatchAll(e) && e.Metadata.GetMetadata<IHttpMethodMetadata>() is not null)
            .Select(e => (new TemplateMatcher(new RouteTemplate(e.RoutePattern), []), (Endpoint)e)),
    ];

    /// <summary>The call and static routes answer <c>{"error":...}</c> (<see cref="JsonErrors"/>); the others plain text.</summary>
    private static bool JsonShaped(Endpoint? endpoint) => endpoint?.Metadata.GetMetadata<JsonErrors>() is not null;
}

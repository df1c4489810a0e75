namespace Faas.Server.Endpoints;

internal static class FallbackEndpoints
{
    /// <summary>Anything unmatched gets the original server's 404 text.</summary>
    public static IEndpointRouteBuilder MapFallbackEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapFallback((HttpRequest request) => Results.Text(
            $"Can't find {request.Path}{request.QueryString} on this server!", "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound))
            .ExcludeFromDescription();
        return app;
    }
}

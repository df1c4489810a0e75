using Faas.Server.Contracts;
using Faas.Server.Errors;

namespace Faas.Server.OpenApi;

/// <summary>How a route declares its request and error shapes for Swagger, in the server's real formats.</summary>
internal static class EndpointDocs
{
    /// <summary>The statuses a function call can answer with <c>{"error":...}</c>.</summary>
    public static readonly int[] CallErrorStatuses = [400, 404, 413, 500, 502, 503, 504];

    /// <summary>
    /// A JSON body of type <typeparamref name="T"/>. Any content type is accepted (the Hub's clients and
    /// <c>curl -d</c> do not always say JSON): without <c>*/*</c> routing would refuse the others.
    /// </summary>
    public static RouteHandlerBuilder AcceptsJson<T>(this RouteHandlerBuilder builder)
        where T : notnull =>
        builder.Accepts<T>("application/json", AnyContentType);

    public const string AnyContentType = "*/*";

    public static RouteHandlerBuilder AcceptsForm(this RouteHandlerBuilder builder, params FormField[] fields) =>
        builder.WithMetadata(new MultipartForm(fields));

    public static RouteHandlerBuilder AcceptsCallArguments(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(CallArgumentsBody.Instance);

    /// <summary>Errors answered as <c>text/plain</c> (the <c>/api/*</c> routes).</summary>
    public static RouteHandlerBuilder ProducesText(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses)
        {
            builder.Produces<string>(status, "text/plain");
        }
        return builder;
    }

    /// <summary>Errors answered as <c>{"error":...}</c> (routes marked <see cref="JsonErrors"/>).</summary>
    public static RouteHandlerBuilder ProducesJsonError(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses)
        {
            builder.Produces<ErrorResponse>(status, "application/json");
        }
        return builder;
    }

    /// <summary>A call's result (any JSON) and every error it can answer.</summary>
    public static RouteHandlerBuilder ProducesCallErrors(this RouteHandlerBuilder builder) =>
        builder.Produces(StatusCodes.Status200OK, contentType: "application/json").ProducesJsonError(CallErrorStatuses);
}

using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Faas.Core;

namespace Faas.Server.Endpoints;

/// <summary>Reads a JSON request body; a missing or malformed one is a 400 naming the route.</summary>
internal static class JsonBody
{
    public static async Task<T> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> type, string route, CancellationToken cancellationToken)
        where T : class
    {
        T? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync(request.Body, type, cancellationToken);
        }
        catch (JsonException e)
        {
            throw Invalid(route, e);
        }
        return body ?? throw Invalid(route, null);
    }

    private static FaasException Invalid(string route, Exception? inner) =>
        new(FaasError.BadRequest, $"The request body is not valid JSON for {route}.", inner);
}

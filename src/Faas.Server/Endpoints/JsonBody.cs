using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Faas.Server.Endpoints;

/// <summary>Reads a JSON request body, or null when it is missing or malformed (the caller answers 400).</summary>
internal static class JsonBody
{
    public static async Task<T?> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await JsonSerializer.DeserializeAsync(request.Body, type, cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

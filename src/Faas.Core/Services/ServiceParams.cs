using System.Text.Json;
using Faas.Core.Rpc;

namespace Faas.Core.Services;

/// <summary>Reads a worker request's params; a missing or mistyped one is a -32602 reply naming it.</summary>
internal static class ServiceParams
{
    public static string String(JsonElement parameters, string name) =>
        OptionalString(parameters, name) ?? throw Invalid($"'{name}' (a string) is required.");

    public static string? OptionalString(JsonElement parameters, string name)
    {
        if (parameters.ValueKind != JsonValueKind.Object || !parameters.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => throw Invalid($"'{name}' must be a string."),
        };
    }

    public static long? OptionalNumber(JsonElement parameters, string name)
    {
        if (parameters.ValueKind != JsonValueKind.Object || !parameters.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number)
            ? (long)Math.Floor(number)
            : throw Invalid($"'{name}' must be a number.");
    }

    public static long Number(JsonElement parameters, string name) =>
        OptionalNumber(parameters, name) ?? throw Invalid($"'{name}' (a number) is required.");

    /// <summary>A string-to-string object (headers, query); numbers and booleans are turned into text.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Map(JsonElement parameters, string name)
    {
        if (parameters.ValueKind != JsonValueKind.Object || !parameters.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            yield break;
        }
        if (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == 0)
        {
            yield break; // an empty Lua table is encoded as [] or {}
        }
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Invalid($"'{name}' must be an object of strings.");
        }
        foreach (var property in value.EnumerateObject())
        {
            yield return new(property.Name, property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText());
        }
    }

    public static WorkerRequestException Invalid(string message) => new(RpcErrorCodes.InvalidParams, message);
}

using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Faas.Worker.CSharp;

/// <summary>How arguments are read from JSON and results written to it (System.Text.Json, reflection-based).</summary>
internal static class JsonValues
{
    /// <summary>Results: compact, non-ASCII kept as is (like the other workers, see <see cref="JsonEscapes"/>), member names as declared.</summary>
    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        IncludeFields = true,
    };

    /// <summary>
    /// Arguments: member names match in any case, and numbers may come as strings because a
    /// url-encoded call body gives every argument as a string.
    /// </summary>
    public static readonly JsonSerializerOptions ReadOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        IncludeFields = true,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };

    private static readonly byte[] Null = "null"u8.ToArray();

    public static byte[] Serialize(object? value) =>
        value is null ? Null : JsonEscapes.Normalize(JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), WriteOptions));

    /// <summary>A JSON value as plain .NET values, for parameters typed <c>object</c>.</summary>
    public static object? ToPlain(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number when element.TryGetInt32(out var i) => i,
        JsonValueKind.Number when element.TryGetInt64(out var l) => l,
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.Array => element.EnumerateArray().Select(ToPlain).ToList(),
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => ToPlain(p.Value)),
        _ => null,
    };
}

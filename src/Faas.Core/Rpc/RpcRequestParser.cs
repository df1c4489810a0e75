using System.Text.Json;

namespace Faas.Core.Rpc;

/// <summary>
/// Reads a request the worker sends to the server: <c>{"id":"w1","method":"faas.kv.get","params":{..}}</c>
/// (no id: a notification). Rare next to replies, so a DOM is fine here.
/// </summary>
internal static class RpcRequestParser
{
    public static bool TryParse(ReadOnlySpan<byte> line, out byte[]? id, out string method, out JsonElement parameters)
    {
        id = null;
        method = "";
        parameters = default;
        if (line.IsEmpty || line[0] != (byte)'{')
        {
            return false;
        }
        try
        {
            using var document = JsonDocument.Parse(line.ToArray());
            var root = document.RootElement;
            if (!root.TryGetProperty("method", out var name) || name.ValueKind != JsonValueKind.String)
            {
                return false;
            }
            method = name.GetString()!;
            if (root.TryGetProperty("id", out var rid) && rid.ValueKind is JsonValueKind.String or JsonValueKind.Number)
            {
                id = System.Text.Encoding.UTF8.GetBytes(rid.GetRawText());
            }
            parameters = root.TryGetProperty("params", out var p) ? p.Clone() : default;
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}

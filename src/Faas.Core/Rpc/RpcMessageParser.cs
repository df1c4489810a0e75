using System.Text.Json;

namespace Faas.Core.Rpc;

/// <summary>
/// Reads one JSON-RPC response line without building a DOM: the id, and either the raw bytes of
/// <c>result</c> or the fields of <c>error</c>.
/// </summary>
internal static class RpcMessageParser
{
    public static bool TryParse(ReadOnlySpan<byte> line, out long id, out RpcResponse? response)
    {
        id = 0;
        response = null;
        if (line.IsEmpty || line[0] != (byte)'{')
        {
            return false;
        }
        try
        {
            return Parse(line, ref id, ref response);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool Parse(ReadOnlySpan<byte> line, ref long id, ref RpcResponse? response)
    {
        var reader = new Utf8JsonReader(line);
        reader.Read();
        var hasId = false;
        ReadOnlyMemory<byte>? result = null;
        RpcError? error = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                hasId = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out id);
            }
            else if (reader.ValueTextEquals("result"u8))
            {
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                result = line[start..(int)reader.BytesConsumed].ToArray();
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                reader.Read();
                error = ReadError(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        if (!hasId || (result is null && error is null))
        {
            return false;
        }
        response = new RpcResponse(result ?? ReadOnlyMemory<byte>.Empty, error);
        return true;
    }

    private static RpcError ReadError(ref Utf8JsonReader reader)
    {
        var code = 0;
        string message = "Unknown error";
        string? type = null;
        string? stack = null;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return new RpcError(code, message, type);
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("code"u8))
            {
                reader.Read();
                reader.TryGetInt32(out code);
            }
            else if (reader.ValueTextEquals("message"u8))
            {
                reader.Read();
                message = reader.TokenType == JsonTokenType.String ? reader.GetString()! : message;
            }
            else if (reader.ValueTextEquals("data"u8))
            {
                reader.Read();
                (type, stack) = ReadData(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        return new RpcError(code, message, type, stack);
    }

    private static (string? Type, string? Stack) ReadData(ref Utf8JsonReader reader)
    {
        string? type = null;
        string? stack = null;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return (null, null);
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isType = reader.ValueTextEquals("type"u8);
            var isStack = reader.ValueTextEquals("stack"u8);
            reader.Read();
            if (isType && reader.TokenType == JsonTokenType.String)
            {
                type = reader.GetString();
            }
            else if (isStack && reader.TokenType == JsonTokenType.String)
            {
                stack = reader.GetString();
            }
            else
            {
                reader.Skip();
            }
        }
        return (type, stack);
    }
}

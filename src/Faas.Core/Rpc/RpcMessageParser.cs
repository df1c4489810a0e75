using System.Text.Json;

namespace Faas.Core.Rpc;

/// <summary>
/// Reads one JSON-RPC response line without building a DOM: the id, and either the raw bytes of
/// <c>result</c> or the fields of <c>error</c>. Only a whole JSON object counts: a value of the wrong
/// type is skipped whole (an object given as <c>id</c> cannot lend its own <c>id</c>), and anything
/// after the closing brace makes the line garbage.
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
            response = null;
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
                reader.Skip();
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
        // The object must end the line (trailing whitespace aside); Read throws on anything else.
        if (reader.TokenType != JsonTokenType.EndObject || reader.Read() || !hasId || (result is null && error is null))
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
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out code))
                {
                    code = 0;
                    reader.Skip();
                }
            }
            else if (reader.ValueTextEquals("message"u8))
            {
                reader.Read();
                message = reader.TokenType == JsonTokenType.String ? ReadString(ref reader) : message;
                reader.Skip();
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
                type = ReadString(ref reader);
            }
            else if (isStack && reader.TokenType == JsonTokenType.String)
            {
                stack = ReadString(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }
        return (type, stack);
    }

    /// <summary>A string's value; one that .NET cannot decode (a lone surrogate escape, valid JSON) is kept as written.</summary>
    private static string ReadString(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            return System.Text.Encoding.UTF8.GetString(reader.ValueSpan); // one line in one span: never a sequence
        }
    }
}

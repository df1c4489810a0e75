using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Faas.Core.Executions;

namespace Faas.Core.Functions;

/// <summary>
/// Writes a handler's two arguments, <c>[ctx, event]</c>, as the JSON of a positional call, and the
/// event again with secrets masked for the execution record. A body that is not valid UTF-8 is sent
/// as base64 with <c>isBase64Encoded: true</c>.
/// </summary>
public static class HttpEventWriter
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Arguments(HttpFunctionRequest request, HandlerContext context)
    {
        var buffer = new ArrayBufferWriter<byte>(512 + request.Body.Length * 4 / 3);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartArray();
            WriteContext(writer, context);
            WriteEvent(writer, request, mask: false);
            writer.WriteEndArray();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The event as the history stores it: secret headers, query keys and JSON body fields masked.</summary>
    public static string MaskedEvent(HttpFunctionRequest request)
    {
        var buffer = new ArrayBufferWriter<byte>(512 + request.Body.Length);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            WriteEvent(writer, request, mask: true);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteContext(Utf8JsonWriter writer, HandlerContext context)
    {
        writer.WriteStartObject();
        writer.WriteString("executionId"u8, context.ExecutionId);
        writer.WriteString("functionId"u8, context.App);
        writer.WriteString("functionName"u8, context.FunctionName);
        writer.WriteString("version"u8, context.Version);
        writer.WriteNumber("startedAt"u8, context.StartedAt.ToUnixTimeSeconds());
        writer.WriteString("baseUrl"u8, context.BaseUrl);
        writer.WriteString("requestId"u8, context.RequestId);
        writer.WriteString("trigger"u8, context.Trigger);
        writer.WriteEndObject();
    }

    private static void WriteEvent(Utf8JsonWriter writer, HttpFunctionRequest request, bool mask)
    {
        writer.WriteStartObject();
        writer.WriteString("method"u8, request.Method);
        writer.WriteString("path"u8, request.Path);
        writer.WriteString("relativePath"u8, request.RelativePath);
        WritePairs(writer, "query"u8, "multiQuery"u8, request.Query, mask ? SecretMasker.IsSecretQueryKey : null);
        WritePairs(writer, "headers"u8, "multiHeaders"u8, request.Headers, mask ? SecretMasker.IsSecretHeader : null);
        var body = request.Body.Span;
        if (System.Text.Unicode.Utf8.IsValid(body))
        {
            var text = Encoding.UTF8.GetString(body);
            writer.WriteString("body"u8, mask ? SecretMasker.MaskJsonBody(text) ?? text : text);
            writer.WriteBoolean("isBase64Encoded"u8, false);
        }
        else
        {
            writer.WriteBase64String("body"u8, body);
            writer.WriteBoolean("isBase64Encoded"u8, true);
        }
        if (request.RemoteAddr is null)
        {
            writer.WriteNull("remoteAddr"u8);
        }
        else
        {
            writer.WriteString("remoteAddr"u8, request.RemoteAddr);
        }
        writer.WriteEndObject();
    }

    /// <summary>First values under <paramref name="first"/>, every value under <paramref name="all"/>.</summary>
    private static void WritePairs(Utf8JsonWriter writer, ReadOnlySpan<byte> first, ReadOnlySpan<byte> all,
        IReadOnlyList<KeyValuePair<string, string[]>> pairs, Func<string, bool>? isSecret)
    {
        writer.WriteStartObject(first);
        foreach (var (name, values) in pairs)
        {
            if (values.Length > 0)
            {
                writer.WriteString(name, isSecret?.Invoke(name) == true ? SecretMasker.Redacted : values[0]);
            }
        }
        writer.WriteEndObject();
        writer.WriteStartObject(all);
        foreach (var (name, values) in pairs)
        {
            writer.WriteStartArray(name);
            var secret = isSecret?.Invoke(name) == true;
            foreach (var value in values)
            {
                writer.WriteStringValue(secret ? SecretMasker.Redacted : value);
            }
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
    }
}

using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Faas.Core.Executions;

namespace Faas.Server.Endpoints;

/// <summary>
/// What the execution record of a request to a server app keeps: <c>{method, path, relativePath, query, headers,
/// remoteAddr}</c>, secret query keys and headers masked as in an HTTP function's event (<see cref="SecretMasker"/>).
/// The body is streamed through, never read, so it is not kept.
/// </summary>
internal static class ProxiedEventWriter
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Masked(HttpRequest request, string relativePath)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            writer.WriteString("method"u8, request.Method);
            writer.WriteString("path"u8, request.Path.Value);
            writer.WriteString("relativePath"u8, relativePath);
            writer.WriteStartObject("query"u8);
            foreach (var (name, values) in request.Query)
            {
                writer.WriteString(name, SecretMasker.IsSecretQueryKey(name) ? SecretMasker.Redacted : values.ToString());
            }
            writer.WriteEndObject();
            writer.WriteStartObject("headers"u8);
            foreach (var (name, values) in request.Headers)
            {
                writer.WriteString(name.ToLowerInvariant(), SecretMasker.IsSecretHeader(name) ? SecretMasker.Redacted : values.ToString());
            }
            writer.WriteEndObject();
            writer.WriteString("remoteAddr"u8, request.HttpContext.Connection.RemoteIpAddress?.ToString());
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}

using System.Text;
using System.Text.Json;
using Faas.Core.Rpc;

namespace Faas.Core.Services;

/// <summary>
/// <c>faas.http.request</c>: an outgoing HTTP request for workers without a client of their own (Lua).
/// Non-2xx answers are results, not errors; a failure to connect, a timeout or a bad URL is an error reply.
/// </summary>
internal sealed class HttpRequester(HttpClient client, ServiceOptions options)
{
    private static readonly HashSet<string> Methods = new(["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"], StringComparer.Ordinal);

    public async Task<byte[]> SendAsync(JsonElement parameters, CancellationToken cancellationToken)
    {
        var method = (ServiceParams.OptionalString(parameters, "method") ?? "GET").ToUpperInvariant();
        if (!Methods.Contains(method))
        {
            throw ServiceParams.Invalid($"'{method}' is not an HTTP method this service sends.");
        }
        var url = ServiceParams.String(parameters, "url");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new WorkerRequestException(RpcErrorCodes.FunctionThrew, $"invalid URL '{url}': an absolute http or https URL is needed");
        }
        var query = string.Join('&', ServiceParams.Map(parameters, "query").Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
        if (query.Length > 0)
        {
            var builder = new UriBuilder(uri);
            builder.Query = builder.Query.Length > 1 ? builder.Query[1..] + "&" + query : query;
            uri = builder.Uri;
        }
        using var request = new HttpRequestMessage(new HttpMethod(method), uri);
        if (ServiceParams.OptionalString(parameters, "body") is { } body)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = null;
        }
        foreach (var (name, value) in ServiceParams.Map(parameters, "headers"))
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content ??= new ByteArrayContent([]);
                request.Content.Headers.Remove(name);
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }
        var limit = ServiceParams.OptionalNumber(parameters, "timeoutMs") is { } ms and > 0
            ? TimeSpan.FromMilliseconds(Math.Min(ms, options.HttpTimeout.TotalMilliseconds))
            : options.HttpTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limit);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            var content = await ReadBodyAsync(response, deadline.Token).ConfigureAwait(false);
            return Write(response, content);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new WorkerRequestException(RpcErrorCodes.FunctionThrew, $"request to {uri.GetLeftPart(UriPartial.Path)} timed out after {limit.TotalSeconds:0.###} s");
        }
        catch (HttpRequestException e)
        {
            throw new WorkerRequestException(RpcErrorCodes.FunctionThrew, $"request to {uri.GetLeftPart(UriPartial.Path)} failed: {e.Message}");
        }
    }

    private async Task<string> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > options.HttpMaxResponseBytes)
            {
                throw new WorkerRequestException(RpcErrorCodes.FunctionThrew, $"the response body is larger than {options.HttpMaxResponseBytes} bytes");
            }
            buffer.Write(chunk, 0, read);
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static byte[] Write(HttpResponseMessage response, string body)
    {
        using var output = new MemoryStream();
        using (var writer = new Utf8JsonWriter(output))
        {
            writer.WriteStartObject();
            writer.WriteNumber("statusCode", (int)response.StatusCode);
            writer.WriteString("body", body);
            writer.WriteStartObject("headers");
            foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            {
                // First value only, as the reference.
                writer.WriteString(name, values.FirstOrDefault() ?? "");
            }
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        return output.ToArray();
    }
}

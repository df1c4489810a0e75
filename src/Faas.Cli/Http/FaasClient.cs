using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Faas.Cli.Http;

/// <summary>
/// The server's HTTP API, as the CLI uses it. Every failure becomes a <see cref="CliException"/> with the
/// server's own message and an exit code: unreachable, 401/403, 404, or failed.
/// </summary>
internal sealed class FaasClient(Uri baseUri, string? key) : IDisposable
{
    private readonly HttpClient http = Create(baseUri, key);

    public Uri BaseUri => baseUri;

    public string Url => baseUri.GetLeftPart(UriPartial.Authority) + baseUri.AbsolutePath.TrimEnd('/');

    /// <summary>True when <c>/api/readiness</c> answers 200 (restored and serving).</summary>
    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            using var response = await http.GetAsync("api/readiness", timeout.Token);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<AppInfo>> InspectAsync(CancellationToken cancellationToken)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, "api/inspect"), "list the apps", cancellationToken);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancellationToken));
        return [.. document.RootElement.EnumerateArray().Select(AppInfo.Parse)];
    }

    public async Task<AppInfo> GetAppAsync(string app, CancellationToken cancellationToken) =>
        (await InspectAsync(cancellationToken)).FirstOrDefault(a => a.Name == app)
        ?? throw new CliException(ExitCode.NotFound, $"The app '{app}' is not deployed on {Url}.");

    /// <summary><c>GET /api/apps/{app}/processes</c>: the live workers or server process of the app's active version.</summary>
    public async Task<JsonNode?> GetProcessesAsync(string app, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, $"api/apps/{Uri.EscapeDataString(app)}/processes"), $"read the processes of '{app}'", cancellationToken);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
    }

    /// <summary>
    /// <c>PUT /api/apps/{app}</c>: the archive as the app's next version (created if new); answers once it
    /// serves. <paramref name="kind"/> (<c>server</c> or <c>functions</c>) tells the server how to run it.
    /// </summary>
    public async Task<DeployResult> DeployAsync(string app, Stream zip, string? envJson, string? kind, CancellationToken cancellationToken)
    {
        var form = new MultipartFormDataContent();
        var file = new StreamContent(zip);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        form.Add(file, "raw", $"{app}.zip");
        if (envJson is not null)
        {
            form.Add(new StringContent(envJson, Encoding.UTF8), "env");
        }
        var query = kind is null ? "" : $"?kind={Uri.EscapeDataString(kind)}";
        var request = new HttpRequestMessage(HttpMethod.Put, $"api/apps/{Uri.EscapeDataString(app)}{query}") { Content = form };
        using var response = await SendAsync(request, $"deploy '{app}'", cancellationToken);
        return await ReadDeployResultAsync(response, app, cancellationToken);
    }

    public async Task<DeployResult> RollbackAsync(string app, string version, CancellationToken cancellationToken)
    {
        using var response = await PostJsonAsync("api/deploy/rollback", new JsonObject { ["suffix"] = app, ["version"] = version }, $"roll '{app}' back", cancellationToken);
        return await ReadDeployResultAsync(response, app, cancellationToken);
    }

    /// <summary><c>deploy/delete</c>; false when the app does not exist.</summary>
    public async Task<bool> DeleteAsync(string app, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await PostJsonAsync("api/deploy/delete", new JsonObject { ["suffix"] = app }, $"delete '{app}'", cancellationToken);
            return true;
        }
        catch (CliException e) when (e.Code == ExitCode.NotFound)
        {
            return false;
        }
    }

    public async Task<string> LogsAsync(string app, CancellationToken cancellationToken)
    {
        using var response = await PostJsonAsync("api/deploy/logs", new JsonObject { ["suffix"] = app }, $"read the logs of '{app}'", cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return text.StartsWith('"') ? JsonSerializer.Deserialize<string>(text) ?? "" : text;
    }

    /// <summary>The live log (<c>GET /api/logs/{app}/stream</c>, server-sent events): recent lines, then each new one until cancelled.</summary>
    public async IAsyncEnumerable<string> StreamLogsAsync(string app, int tail, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"api/logs/{Uri.EscapeDataString(app)}/stream?tail={tail}");
        using var response = await SendAsync(request, $"follow the logs of '{app}'", cancellationToken, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        var data = new StringBuilder();
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                if (data.Length > 0)
                {
                    data.Append('\n');
                }
                data.Append(line.AsSpan(line.Length > 5 && line[5] == ' ' ? 6 : 5));
            }
            else if (line.Length == 0 && data.Length > 0)
            {
                yield return data.ToString();
                data.Clear();
            }
        }
    }

    /// <summary>Sends a request and throws a <see cref="CliException"/> unless it succeeded.</summary>
    public async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request, string what, CancellationToken cancellationToken, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        var response = await SendRawAsync(request, cancellationToken, completion);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }
        using (response)
        {
            var message = await ErrorMessageAsync(response, cancellationToken);
            var code = response.StatusCode switch
            {
                HttpStatusCode.NotFound => ExitCode.NotFound,
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => ExitCode.Unauthorized,
                HttpStatusCode.BadRequest => ExitCode.Usage,
                _ => ExitCode.Failed,
            };
            var hint = response.StatusCode == HttpStatusCode.Unauthorized ? " (pass the admin key with --key or FAAS_KEY)" : "";
            throw new CliException(code, $"Could not {what}: {(int)response.StatusCode} {message}{hint}");
        }
    }

    /// <summary>Sends a request and returns whatever the server answered; only an unreachable server throws.</summary>
    public async Task<HttpResponseMessage> SendRawAsync(
        HttpRequestMessage request, CancellationToken cancellationToken, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        using (request)
        {
            try
            {
                return await http.SendAsync(request, completion, cancellationToken);
            }
            catch (HttpRequestException e) when (e.StatusCode is null)
            {
                throw new CliException(ExitCode.ServerUnreachable,
                    $"No Faas server answers at {Url} ({e.Message}). Start one with 'faas serve' (faas up starts one itself), or pass --url / FAAS_URL.");
            }
        }
    }

    public Task<HttpResponseMessage> PostJsonAsync(string path, JsonNode body, string what, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent(body) }, what, cancellationToken);

    public static StringContent JsonContent(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    /// <summary>The server's message: a JSON string, an error object (<c>error</c>, <c>detail</c>, <c>title</c>), or the text.</summary>
    public static async Task<string> ErrorMessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = (await response.Content.ReadAsStringAsync(cancellationToken)).Trim();
        try
        {
            var node = JsonNode.Parse(text);
            if (node is JsonValue value && value.TryGetValue<string>(out var s))
            {
                return s;
            }
            if (node is JsonObject error)
            {
                foreach (var name in new[] { "error", "detail", "message", "title" })
                {
                    if (error[name] is JsonValue field && field.TryGetValue<string>(out var message))
                    {
                        return message;
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Plain text.
        }
        return text.Length == 0 ? response.ReasonPhrase ?? "" : text;
    }

    public void Dispose() => http.Dispose();

    private static async Task<DeployResult> ReadDeployResultAsync(HttpResponseMessage response, string app, CancellationToken cancellationToken)
    {
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return new DeployResult(
            body?["prefix"]?.GetValue<string>() ?? "", body?["suffix"]?.GetValue<string>() ?? app, body?["version"]?.GetValue<string>() ?? "");
    }

    private static HttpClient Create(Uri baseUri, string? key)
    {
        var root = baseUri.AbsoluteUri.EndsWith('/') ? baseUri : new Uri(baseUri.AbsoluteUri + "/");
        var client = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, ConnectTimeout = TimeSpan.FromSeconds(5) })
        {
            BaseAddress = root,
            // Deploys install dependencies: the server's own install timeout bounds them.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        return client;
    }
}

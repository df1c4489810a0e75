using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Faas.Server.Tests.Infrastructure;

/// <summary>More Hub calls (delete, logs, inspect) and bounded waits, on top of <see cref="HubClient"/>.</summary>
public static class HubApi
{
    public static readonly TimeSpan DeployTimeout = TimeSpan.FromSeconds(180);
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(60);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A task that fails the test instead of hanging it.</summary>
    public static Task<T> Bounded<T>(this Task<T> task, TimeSpan? timeout = null) => task.WaitAsync(timeout ?? CallTimeout, Ct);

    public static Task Bounded(this Task task, TimeSpan? timeout = null) => task.WaitAsync(timeout ?? CallTimeout, Ct);

    public static Task<string> TextAsync(this HttpResponseMessage response) => response.Content.ReadAsStringAsync(Ct);

    public static async Task<string> ExpectAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.TextAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        return text;
    }

    /// <summary>Uploads a zip and deploys it, failing the test if either step fails.</summary>
    public static async Task DeployZipAsync(this HttpClient client, string id, byte[] zip, string jsons = "[]", object? env = null)
    {
        await (await client.UploadAsync(id, zip, jsons).Bounded()).ExpectAsync(HttpStatusCode.Created);
        await (await client.DeployAsync(id, env).Bounded(DeployTimeout)).ExpectAsync(HttpStatusCode.OK);
    }

    public static Task DeploySampleBoundedAsync(this HttpClient client, string sample, string? id = null, object? env = null) =>
        client.DeploySampleAsync(sample, id, env).Bounded(DeployTimeout);

    public static Task<HttpResponseMessage> CallBoundedAsync(this HttpClient client, string path, string? json) =>
        client.CallAsync(path, json).Bounded();

    /// <summary>Calls and returns the 200 body.</summary>
    public static async Task<string> CallOkAsync(this HttpClient client, string path, string? json) =>
        await (await client.CallBoundedAsync(path, json)).ExpectAsync(HttpStatusCode.OK);

    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string path, string body, string contentType) =>
        client.PostAsync(path, new StringContent(body, Encoding.UTF8, contentType), Ct).Bounded();

    public static Task<HttpResponseMessage> GetBoundedAsync(this HttpClient client, string path) => client.GetAsync(path, Ct).Bounded();

    public static Task<HttpResponseMessage> DeleteAppAsync(this HttpClient client, string prefix, string id) =>
        client.PostAsJsonAsync("/api/deploy/delete", new { prefix, suffix = id, version = "v1" }, Ct).Bounded();

    public static Task<HttpResponseMessage> LogsResponseAsync(this HttpClient client, string id) =>
        client.PostAsJsonAsync("/api/deploy/logs", new { container = "", type = "deploy", suffix = id, prefix = "", version = "v1" }, Ct).Bounded();

    /// <summary>The app's logs: the JSON string <c>/api/deploy/logs</c> answers, decoded.</summary>
    public static async Task<string> LogsAsync(this HttpClient client, string id)
    {
        var text = await (await client.LogsResponseAsync(id)).ExpectAsync(HttpStatusCode.OK);
        return JsonSerializer.Deserialize<string>(text)!;
    }

    /// <summary>Waits until the app's logs contain <paramref name="expected"/> (worker output is relayed asynchronously).</summary>
    public static async Task<string> WaitForLogAsync(this HttpClient client, string id, string expected)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        string logs;
        while (!(logs = await client.LogsAsync(id)).Contains(expected, StringComparison.Ordinal))
        {
            if (timeout.IsCancellationRequested)
            {
                Assert.Fail($"The logs of '{id}' never contained '{expected}':\n{logs}");
            }
            await Task.Delay(50, CancellationToken.None);
        }
        return logs;
    }

    /// <summary><c>PUT /api/apps/{app}</c>: the zip as the app's next version (multipart <c>raw</c>, optional <c>env</c>).</summary>
    public static Task<HttpResponseMessage> PutAppAsync(this HttpClient client, string app, byte[] zip, string? env = null) =>
        client.SendPutAppAsync(app, zip, env, Ct);

    public static Task<HttpResponseMessage> SendPutAppAsync(this HttpClient client, string app, byte[] zip, string? env, CancellationToken cancellationToken)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(zip);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/zip");
        form.Add(file, "raw", $"{app}.zip");
        if (env is not null)
        {
            form.Add(new StringContent(env), "env");
        }
        return client.PutAsync($"/api/apps/{app}", form, cancellationToken);
    }

    public static async Task<JsonElement> InspectAsync(this HttpClient client)
    {
        var text = await (await client.GetBoundedAsync("/api/inspect")).ExpectAsync(HttpStatusCode.OK);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The inspect entry of one app, or null.</summary>
    public static async Task<JsonElement?> InspectAppAsync(this HttpClient client, string id)
    {
        foreach (var deployment in (await client.InspectAsync()).EnumerateArray())
        {
            if (deployment.GetProperty("suffix").GetString() == id)
            {
                return deployment;
            }
        }
        return null;
    }
}

using System.Net.Http.Json;
using System.Text;

namespace Faas.Server.Tests.Infrastructure;

/// <summary>The Hub calls a test makes again and again: upload, deploy, call.</summary>
public static class HubClient
{
    public static async Task<HttpResponseMessage> UploadAsync(this HttpClient client, string id, byte[] zip, string jsons = "[]") =>
        await client.PostAsync("/api/package/create", Samples.UploadForm(id, zip, jsons), TestContext.Current.CancellationToken);

    public static async Task<HttpResponseMessage> DeployAsync(this HttpClient client, string id, object? env = null) =>
        await client.PostAsJsonAsync("/api/deploy/create",
            new { resourceType = "Package", suffix = id, release = "abc", env = env ?? Array.Empty<object>(), plan = "Essential", version = "v1" },
            TestContext.Current.CancellationToken);

    /// <summary>Uploads and deploys a sample, failing the test if either step fails.</summary>
    public static async Task DeploySampleAsync(this HttpClient client, string sample, string? id = null, object? env = null)
    {
        id ??= sample;
        var upload = await client.UploadAsync(id, Samples.Zip(sample));
        Assert.True(upload.IsSuccessStatusCode, $"upload of {sample}: {(int)upload.StatusCode} {await upload.Content.ReadAsStringAsync()}");
        var deploy = await client.DeployAsync(id, env);
        Assert.True(deploy.IsSuccessStatusCode, $"deploy of {sample}: {(int)deploy.StatusCode} {await deploy.Content.ReadAsStringAsync()}");
    }

    public static async Task<HttpResponseMessage> CallAsync(this HttpClient client, string path, string? json) =>
        json is null
            ? await client.PostAsync(path, null, TestContext.Current.CancellationToken)
            : await client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
}

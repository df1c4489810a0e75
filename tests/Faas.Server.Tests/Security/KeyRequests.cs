using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Faas.Server.Tests.Infrastructure;

namespace Faas.Server.Tests.Security;

/// <summary>Requests with chosen headers, and the key API.</summary>
internal static class KeyRequests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<HttpResponseMessage> SendAsync(
        this HttpClient client, HttpMethod method, string path, HttpContent? content = null, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        return await client.SendAsync(request, Ct).Bounded();
    }

    /// <summary>Creates a key through the API (201) and returns its id and key.</summary>
    public static async Task<(string Id, string Key)> CreateKeyAsync(this HttpClient admin, string name, string scope, string? app = null)
    {
        using var response = await admin.PostAsJsonAsync("/api/keys", new { name, scope, app }, Ct).Bounded();
        using var json = JsonDocument.Parse(await response.ExpectAsync(HttpStatusCode.Created));
        return (json.RootElement.GetProperty("id").GetString()!, json.RootElement.GetProperty("key").GetString()!);
    }

    public static async Task RevokeKeyAsync(this HttpClient admin, string id) =>
        await (await admin.DeleteAsync($"/api/keys/{id}", Ct).Bounded()).ExpectAsync(HttpStatusCode.NoContent);

    /// <summary>Fails unless the answer is 401 with a Bearer challenge and a body; returns the body.</summary>
    public static async Task<string> Expect401Async(this HttpResponseMessage response)
    {
        var body = await response.ExpectAsync(HttpStatusCode.Unauthorized);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        Assert.False(string.IsNullOrWhiteSpace(body));
        return body;
    }
}

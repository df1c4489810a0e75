using System.Net;
using System.Net.Http.Json;
using Faas.Server.Tests.Infrastructure;

namespace Faas.Server.Tests.Security;

/// <summary>The dashboard's login: the admin key buys an HttpOnly, SameSite=Strict session cookie that authenticates like the key.</summary>
public sealed class LoginTests(KeysRequiredFixture server) : IClassFixture<KeysRequiredFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(HttpResponseMessage Response, string Cookie)> LoginAsync(HttpClient client, string key)
    {
        var response = await client.PostAsJsonAsync("/api/login", new { key }, Ct).Bounded();
        await response.ExpectAsync(HttpStatusCode.OK);
        var setCookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        return (response, setCookie);
    }

    [Fact]
    public async Task Login_AdminKey_SetsStrictHttpOnlyCookieThatAuthenticatesUntilLogout()
    {
        using var client = server.Anonymous();

        var (response, setCookie) = await LoginAsync(client, KeysRequiredFixture.AdminKey);
        response.Dispose();

        var parts = setCookie.Split(';', StringSplitOptions.TrimEntries);
        Assert.StartsWith("faas_session=", parts[0]);
        Assert.Contains("httponly", parts, StringComparer.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", parts, StringComparer.OrdinalIgnoreCase);
        Assert.Contains("path=/", parts, StringComparer.OrdinalIgnoreCase);
        Assert.DoesNotContain(KeysRequiredFixture.AdminKey, setCookie);
        var cookie = ("Cookie", parts[0]);
        await (await client.SendAsync(HttpMethod.Get, "/api/inspect", null, cookie)).ExpectAsync(HttpStatusCode.OK);

        await (await client.SendAsync(HttpMethod.Post, "/api/logout", null, cookie)).ExpectAsync(HttpStatusCode.NoContent);

        await (await client.SendAsync(HttpMethod.Get, "/api/inspect", null, cookie)).Expect401Async();
    }

    [Fact]
    public async Task Login_CookieSentFromAnotherSite_IsRefused()
    {
        using var client = server.Anonymous();
        var (response, setCookie) = await LoginAsync(client, KeysRequiredFixture.AdminKey);
        response.Dispose();

        using var refused = await client.SendAsync(HttpMethod.Post, "/api/deploy/delete", JsonContent.Create(new { suffix = "x" }),
            ("Cookie", setCookie.Split(';')[0]), ("Origin", "http://evil.example"));

        await refused.ExpectAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Login_StoredKeyRevoked_EndsItsSessions()
    {
        var (id, key) = await server.Client.CreateKeyAsync("dashboard", "admin");
        using var client = server.Anonymous();
        var (response, setCookie) = await LoginAsync(client, key);
        response.Dispose();
        var cookie = ("Cookie", setCookie.Split(';')[0]);
        await (await client.SendAsync(HttpMethod.Get, "/api/keys", null, cookie)).ExpectAsync(HttpStatusCode.OK);

        await server.Client.RevokeKeyAsync(id);

        await (await client.SendAsync(HttpMethod.Get, "/api/keys", null, cookie)).Expect401Async();
    }

    [Fact]
    public async Task Login_WrongKey_Returns401WithoutCookie()
    {
        using var client = server.Anonymous();

        using var response = await client.PostAsJsonAsync("/api/login", new { key = "faas_not-a-key" }, Ct).Bounded();

        await response.Expect401Async();
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Login_InvokeKey_Returns403()
    {
        var (_, key) = await server.Client.CreateKeyAsync("not for login", "invoke", "some-app");
        using var client = server.Anonymous();

        using var response = await client.PostAsJsonAsync("/api/login", new { key }, Ct).Bounded();

        await response.ExpectAsync(HttpStatusCode.Forbidden);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }
}

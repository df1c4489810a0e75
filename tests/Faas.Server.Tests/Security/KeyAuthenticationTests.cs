using System.Net;
using System.Net.Http.Json;
using System.Text;
using Faas.Server.Tests.Infrastructure;

namespace Faas.Server.Tests.Security;

/// <summary>With keys required, admin routes answer only to the admin key, however it is sent; keys come and go through the API.</summary>
public sealed class KeyAuthenticationTests(KeysRequiredFixture server) : IClassFixture<KeysRequiredFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("GET", "/api/inspect")]
    [InlineData("GET", "/api/keys")]
    [InlineData("GET", "/api/runtimes")]
    [InlineData("GET", "/api/billing/list-subscriptions")]
    [InlineData("GET", "/API/Inspect")]
    [InlineData("POST", "/api/deploy/delete")]
    [InlineData("POST", "/api/keys")]
    public async Task AdminRoute_NoKey_Returns401WithChallenge(string method, string path)
    {
        using var client = server.Anonymous();

        using var response = await client.SendAsync(new HttpMethod(method), path, new StringContent("{}", Encoding.UTF8, "application/json"));

        Assert.Contains("requires the admin key", await response.Expect401Async());
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.ToString());
    }

    [Theory]
    [InlineData("Authorization", "Bearer wrong-key-0123456789")]
    [InlineData("Authorization", "jwt local")]
    [InlineData("Authorization", "Basic dXNlcjpwYXNz")]
    [InlineData("X-Api-Key", "wrong-key-0123456789")]
    [InlineData("Cookie", "faas_session=forged")]
    public async Task AdminRoute_WrongKey_Returns401(string header, string value)
    {
        using var client = server.Anonymous();

        using var response = await client.SendAsync(HttpMethod.Get, "/api/inspect", null, (header, value));

        Assert.Contains("not valid", await response.Expect401Async());
    }

    [Theory]
    [InlineData("Authorization", "Bearer {0}")]
    [InlineData("Authorization", "bearer {0}")]
    [InlineData("Authorization", "jwt {0}")]
    [InlineData("X-Api-Key", "{0}")]
    public async Task AdminRoute_AdminKey_Answers(string header, string format)
    {
        using var client = server.Anonymous();

        using var inspect = await client.SendAsync(HttpMethod.Get, "/api/inspect", null, (header, string.Format(format, KeysRequiredFixture.AdminKey)));
        using var validate = await client.SendAsync(HttpMethod.Get, "/validate", null, (header, string.Format(format, KeysRequiredFixture.AdminKey)));

        await inspect.ExpectAsync(HttpStatusCode.OK);
        await validate.ExpectAsync(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("/api/readiness")]
    [InlineData("/validate")]
    [InlineData("/swagger/v1/swagger.json")]
    public async Task OpenRoute_NoKey_Answers(string path)
    {
        using var client = server.Anonymous();

        await (await client.GetBoundedAsync(path)).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task CreatedAdminKey_WorksUntilRevoked()
    {
        var (id, key) = await server.Client.CreateKeyAsync("ci", "admin");
        using var client = server.Anonymous();

        await (await client.SendAsync(HttpMethod.Get, "/api/inspect", null, ("Authorization", $"Bearer {key}"))).ExpectAsync(HttpStatusCode.OK);
        await server.Client.RevokeKeyAsync(id);

        await (await client.SendAsync(HttpMethod.Get, "/api/inspect", null, ("Authorization", $"Bearer {key}"))).Expect401Async();
        await (await client.SendAsync(HttpMethod.Get, "/api/inspect", null, ("X-Api-Key", key))).Expect401Async();
    }

    [Fact]
    public async Task KeyList_AfterCreate_ShowsTheKeyButNeverItsSecret()
    {
        var (id, key) = await server.Client.CreateKeyAsync("listed", "invoke", "some-app");

        var list = await (await server.Client.GetBoundedAsync("/api/keys")).ExpectAsync(HttpStatusCode.OK);

        Assert.Contains(id, list);
        Assert.Contains("some-app", list);
        Assert.DoesNotContain(key, list);
        Assert.DoesNotContain(key["faas_".Length..], list);
    }

    [Fact]
    public async Task KeyFile_AfterCreate_HoldsOnlySaltedHashesAndIsPrivate()
    {
        var (id, key) = await server.Client.CreateKeyAsync("stored", "admin");
        var folder = Path.Combine(server.DataDirectory, "security");
        var file = Path.Combine(folder, "keys.json");

        var text = await File.ReadAllTextAsync(file, Ct);
        Assert.Contains(id, text);
        Assert.Contains("\"salt\"", text);
        Assert.DoesNotContain(key, text);
        Assert.DoesNotContain(key["faas_".Length..], text);
        foreach (var any in Directory.EnumerateFiles(folder))
        {
            var content = await File.ReadAllTextAsync(any, Ct);
            Assert.DoesNotContain(key["faas_".Length..], content);
            Assert.DoesNotContain(KeysRequiredFixture.AdminKey, content);
        }
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
        }
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"scope":"admin"}""")]
    [InlineData("""{"name":"x","scope":"root"}""")]
    [InlineData("""{"name":"x","scope":"invoke"}""")]
    [InlineData("""{"name":"x","scope":"invoke","app":"../etc"}""")]
    [InlineData("""{"name":"x","scope":"admin","app":"a"}""")]
    public async Task CreateKey_BadBody_Returns400WithMessage(string body)
    {
        using var response = await server.Client.PostRawAsync("/api/keys", body, "application/json");

        Assert.False(string.IsNullOrWhiteSpace(await response.ExpectAsync(HttpStatusCode.BadRequest)));
    }

    [Fact]
    public async Task Revoke_UnknownId_Returns404()
    {
        using var response = await server.Client.DeleteAsync("/api/keys/k_0000000000000000", Ct).Bounded();

        Assert.Contains("No key", await response.ExpectAsync(HttpStatusCode.NotFound));
    }

    [Fact]
    public async Task InvokeKey_OnAdminRoute_Returns403()
    {
        var (_, key) = await server.Client.CreateKeyAsync("caller", "invoke", "any-app");
        using var client = server.Anonymous();

        using var response = await client.SendAsync(HttpMethod.Post, "/api/keys", JsonContent.Create(new { name = "escalate", scope = "admin" }), ("X-Api-Key", key));

        Assert.Contains("any-app", await response.ExpectAsync(HttpStatusCode.Forbidden));
    }
}

using System.Net;
using System.Text;
using Faas.Server.Tests.Infrastructure;
using Faas.Server.Tests.Servers;

namespace Faas.Server.Tests.Security;

/// <summary>An app's call routes stay open until the app has an invoke key; then only its keys (and the admin key) call it.</summary>
public sealed class InvokeKeyTests(KeysRequiredFixture server) : IClassFixture<KeysRequiredFixture>
{
    private static StringContent Args(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Call_AppGetsInvokeKeys_OnlyItsKeysAndTheAdminKeyCall()
    {
        await server.Client.DeploySampleBoundedAsync("node-sum", "inv-a");
        using var client = server.Anonymous();
        var path = server.CallPath("inv-a", "sum");
        Assert.Equal("3", await (await client.SendAsync(HttpMethod.Post, path, Args("[1,2]"))).ExpectAsync(HttpStatusCode.OK));

        var (ownId, own) = await server.Client.CreateKeyAsync("a caller", "invoke", "inv-a");
        var (_, other) = await server.Client.CreateKeyAsync("b caller", "invoke", "inv-b");

        using (var missing = await client.SendAsync(HttpMethod.Post, path, Args("[1,2]")))
        {
            Assert.Contains("{\"error\":", await missing.Expect401Async());
            Assert.Equal("application/json", missing.Content.Headers.ContentType?.MediaType);
        }
        await (await client.SendAsync(HttpMethod.Post, path, Args("[1,2]"), ("Authorization", "Bearer faas_wrong"))).Expect401Async();
        await (await client.SendAsync(HttpMethod.Post, path.Replace("/call/", "/CALL/", StringComparison.Ordinal), Args("[1,2]"))).Expect401Async();
        await (await client.SendAsync(HttpMethod.Get, $"/{server.Factory.Prefix}/inv-a/v1/static/index.js")).Expect401Async();
        using (var foreign = await client.SendAsync(HttpMethod.Post, path, Args("[1,2]"), ("X-Api-Key", other)))
        {
            Assert.Contains("inv-b", await foreign.ExpectAsync(HttpStatusCode.Forbidden));
        }
        Assert.Equal("3", await (await client.SendAsync(HttpMethod.Post, path, Args("[1,2]"), ("X-Api-Key", own))).ExpectAsync(HttpStatusCode.OK));
        Assert.Equal("3", await (await client.SendAsync(HttpMethod.Post, path, Args("[1,2]"), ("Authorization", $"Bearer {own}"))).ExpectAsync(HttpStatusCode.OK));
        Assert.Equal("3", await (await client.SendAsync(HttpMethod.Post, path, Args("[1,2]"), ("Authorization", $"Bearer {KeysRequiredFixture.AdminKey}"))).ExpectAsync(HttpStatusCode.OK));

        var (_, replacement) = await server.Client.CreateKeyAsync("a caller, new", "invoke", "inv-a");
        await server.Client.RevokeKeyAsync(ownId);

        await (await client.SendAsync(HttpMethod.Post, path, Args("[1,2]"), ("X-Api-Key", own))).Expect401Async();
        await (await client.SendAsync(HttpMethod.Post, path, Args("[1,2]"))).Expect401Async();
        Assert.Equal("3", await (await client.SendAsync(HttpMethod.Post, path, Args("[1,2]"), ("X-Api-Key", replacement))).ExpectAsync(HttpStatusCode.OK));
    }

    [Fact]
    public async Task Invoke_ServerAppGetsInvokeKey_OnlyItsKeyReachesTheServer()
    {
        await server.Client.DeployServerAsync("inv-srv", Samples.Zip("node-server"));
        using var client = server.Anonymous();
        await (await client.SendAsync(HttpMethod.Get, "/invoke/inv-srv/open")).ExpectAsync(HttpStatusCode.OK);

        var (_, key) = await server.Client.CreateKeyAsync("server caller", "invoke", "inv-srv");

        await (await client.SendAsync(HttpMethod.Get, "/invoke/inv-srv/closed")).Expect401Async();
        await (await client.SendAsync(HttpMethod.Get, "/INVOKE/inv-srv")).Expect401Async();
        await (await client.SendAsync(HttpMethod.Get, "/invoke/inv-srv/closed?x=1", null, ("X-Api-Key", key))).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Revoke_LastInvokeKeyOfApp_IsRefusedUnlessOpeningTheApp()
    {
        await server.Client.DeploySampleBoundedAsync("node-sum", "inv-last");
        using var client = server.Anonymous();
        var path = server.CallPath("inv-last", "sum");
        var (id, key) = await server.Client.CreateKeyAsync("only", "invoke", "inv-last");

        using (var refused = await server.Client.DeleteAsync($"/api/keys/{id}", TestContext.Current.CancellationToken).Bounded())
        {
            Assert.Contains("last invoke key", await refused.ExpectAsync(HttpStatusCode.Conflict));
        }
        await (await client.SendAsync(HttpMethod.Post, path, Args("[1,2]"))).Expect401Async();

        await server.Client.RevokeKeyAsync($"{id}?openApp=true");

        await (await client.SendAsync(HttpMethod.Post, path, Args("[1,2]"), ("X-Api-Key", key))).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("3", await (await client.SendAsync(HttpMethod.Post, path, Args("[1,2]"))).ExpectAsync(HttpStatusCode.OK));
    }

    [Fact]
    public async Task Call_LoginCookie_CountsOnlyFromTheServersOwnPages()
    {
        await server.Client.DeploySampleBoundedAsync("node-sum", "inv-cookie");
        await server.Client.CreateKeyAsync("web", "invoke", "inv-cookie");
        using var client = server.Anonymous();
        using var login = await client.PostAsync("/api/login", Args($"{{\"key\":\"{KeysRequiredFixture.AdminKey}\"}}"), TestContext.Current.CancellationToken).Bounded();
        await login.ExpectAsync(HttpStatusCode.OK);
        var cookie = ("Cookie", login.Headers.GetValues("Set-Cookie").Single().Split(';')[0]);
        var path = server.CallPath("inv-cookie", "sum");

        Assert.Equal("3", await (await client.SendAsync(HttpMethod.Post, path, Args("[1,2]"), cookie)).ExpectAsync(HttpStatusCode.OK));
        await (await client.SendAsync(HttpMethod.Post, path, Args("[1,2]"), cookie, ("Origin", "http://localhost:3000"))).Expect401Async();
        await (await client.SendAsync(HttpMethod.Post, path, Args("[1,2]"), cookie, ("Sec-Fetch-Site", "same-site"))).Expect401Async();
    }
}

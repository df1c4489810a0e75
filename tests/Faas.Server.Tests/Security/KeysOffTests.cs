using System.Net;
using Faas.Server.Tests.Infrastructure;

namespace Faas.Server.Tests.Security;

/// <summary>On a loopback-only server keys are off by default: everything answers without a key, until an admin key exists.</summary>
public sealed class KeysOffTests(FaasServerFixture server) : IClassFixture<FaasServerFixture>
{
    [Fact]
    public async Task Server_LoopbackDefault_AdminRoutesAndCallsNeedNoKey()
    {
        using var client = server.Factory.CreateClient();
        await server.Client.DeploySampleBoundedAsync("node-sum", "off-app");

        await (await client.GetBoundedAsync("/api/inspect")).ExpectAsync(HttpStatusCode.OK);
        await (await client.GetBoundedAsync("/api/keys")).ExpectAsync(HttpStatusCode.OK);
        await (await client.SendAsync(HttpMethod.Get, "/validate", null, ("Authorization", "jwt local"))).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("3", await client.CallOkAsync(server.CallPath("off-app", "sum"), "[1,2]"));
        Assert.False(File.Exists(Path.Combine(server.DataDirectory, "security", "admin.key")));
    }

    [Fact]
    public async Task AdminKeyCreated_OnLoopback_AdminRoutesNeedItUntilRevoked()
    {
        await using var factory = new FaasAppFactory();
        using var client = await factory.CreateReadyClientAsync().Bounded(TimeSpan.FromSeconds(150));

        var (id, key) = await client.CreateKeyAsync("first admin", "admin");

        await (await client.GetBoundedAsync("/api/inspect")).Expect401Async();
        await (await client.SendAsync(HttpMethod.Get, "/api/inspect", null, ("X-Api-Key", key))).ExpectAsync(HttpStatusCode.OK);
        await (await client.SendAsync(HttpMethod.Delete, $"/api/keys/{id}", null, ("X-Api-Key", key))).ExpectAsync(HttpStatusCode.NoContent);
        await (await client.GetBoundedAsync("/api/inspect")).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Server_RequireKeysWithoutAdminKey_GeneratesPrivateKeyFileAndKeepsTheLastAdminKey()
    {
        await using var factory = new FaasAppFactory();
        factory.Settings["Faas:Security:RequireKeys"] = "true";
        using var client = await factory.CreateReadyClientAsync().Bounded(TimeSpan.FromSeconds(150));
        var file = Path.Combine(factory.DataDirectory, "security", "admin.key");

        Assert.True(File.Exists(file), "no generated admin key file");
        var key = (await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken)).Trim();
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
        await (await client.GetBoundedAsync("/api/keys")).Expect401Async();
        var list = await (await client.SendAsync(HttpMethod.Get, "/api/keys", null, ("Authorization", $"Bearer {key}"))).ExpectAsync(HttpStatusCode.OK);
        var id = System.Text.Json.JsonDocument.Parse(list).RootElement[0].GetProperty("id").GetString();

        using var refused = await client.SendAsync(HttpMethod.Delete, $"/api/keys/{id}", null, ("Authorization", $"Bearer {key}"));

        Assert.Contains("last admin key", await refused.ExpectAsync(HttpStatusCode.Conflict));
    }
}

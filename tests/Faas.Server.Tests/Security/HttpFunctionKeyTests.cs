using System.Net;
using Faas.Server.Tests.Infrastructure;

namespace Faas.Server.Tests.Security;

/// <summary>An app's invoke keys protect its HTTP functions (<c>/fn/{app}</c>) as they do its call routes.</summary>
public sealed class HttpFunctionKeyTests(KeysRequiredFixture server) : IClassFixture<KeysRequiredFixture>
{
    [Fact]
    public async Task Fn_AppGetsInvokeKey_OnlyItsKeysAndTheAdminKeyCall()
    {
        await server.Client.DeploySampleBoundedAsync("http-handler/node", "fnkey-a");
        using var client = server.Anonymous();
        Assert.Equal("hello world", await (await client.SendAsync(HttpMethod.Get, "/fn/fnkey-a/text")).ExpectAsync(HttpStatusCode.OK));

        var (_, own) = await server.Client.CreateKeyAsync("a caller", "invoke", "fnkey-a");
        var (_, other) = await server.Client.CreateKeyAsync("b caller", "invoke", "fnkey-b");

        await (await client.SendAsync(HttpMethod.Get, "/fn/fnkey-a/text")).Expect401Async();
        await (await client.SendAsync(HttpMethod.Post, "/FN/fnkey-a@v1")).Expect401Async();
        await (await client.SendAsync(HttpMethod.Delete, "/fn/fnkey-a/x/y")).Expect401Async();
        await (await client.SendAsync(HttpMethod.Get, "/fn/fnkey-a/text", null, ("X-Api-Key", other))).ExpectAsync(HttpStatusCode.Forbidden);
        Assert.Equal("hello world", await (await client.SendAsync(HttpMethod.Get, "/fn/fnkey-a/text", null, ("X-Api-Key", own))).ExpectAsync(HttpStatusCode.OK));
        Assert.Equal("hello world", await (await client.SendAsync(HttpMethod.Get, "/fn/fnkey-a/text", null, ("Authorization", $"Bearer {KeysRequiredFixture.AdminKey}"))).ExpectAsync(HttpStatusCode.OK));
    }
}

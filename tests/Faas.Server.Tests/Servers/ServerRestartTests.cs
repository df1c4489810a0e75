using System.Net;
using Faas.Server.Tests.Infrastructure;

namespace Faas.Server.Tests.Servers;

/// <summary>Server apps across a server restart and a rollback: kept versions start on their first request.</summary>
public sealed class ServerRestartTests
{
    [Fact]
    public async Task Restart_ServerApp_StartsOnFirstRequest()
    {
        var first = new FaasAppFactory();
        await using var second = first.Restarted();
        await using (first)
        {
            using var client = await first.CreateReadyClientAsync().Bounded(TimeSpan.FromSeconds(150));
            await client.DeployServerAsync("srv-restart", Samples.Zip("node-server"), env: """{"GREETING":"Kept"}""");
            await client.GetJsonAsync("/invoke/srv-restart");
        }
        using var restarted = await second.CreateReadyClientAsync().Bounded(TimeSpan.FromSeconds(150));
        var answer = await restarted.GetJsonAsync("/invoke/srv-restart/after?x=1");
        Assert.Equal("Kept from a Node.js server", answer.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Rollback_ServerApp_PreviousVersionAnswers()
    {
        await using var factory = new FaasAppFactory();
        using var client = await factory.CreateReadyClientAsync().Bounded(TimeSpan.FromSeconds(150));
        await client.DeployServerAsync("srv-rollback", Samples.Zip("node-server"), env: """{"GREETING":"First"}""");
        await client.DeployServerAsync("srv-rollback", Samples.Zip("node-server"), env: """{"GREETING":"Second"}""");
        Assert.Equal("Second from a Node.js server", (await client.GetJsonAsync("/invoke/srv-rollback")).GetProperty("message").GetString());

        var response = await client.PostAsync("/api/deploy/rollback",
            new StringContent("""{"suffix":"srv-rollback","version":"v1"}""", System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken).Bounded();
        await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("First from a Node.js server", (await client.GetJsonAsync("/invoke/srv-rollback")).GetProperty("message").GetString());

        var inspect = (await client.InspectAppAsync("srv-rollback"))!.Value;
        Assert.Equal("v1", inspect.GetProperty("version").GetString());
        Assert.Equal(["v2", "v1"], inspect.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("version").GetString()));
        var server = inspect.GetProperty("server");
        Assert.Equal("node-server", server.GetProperty("kind").GetString());
        Assert.True(server.GetProperty("running").GetBoolean());
        Assert.Equal("/invoke/srv-rollback", server.GetProperty("url").GetString());
    }
}

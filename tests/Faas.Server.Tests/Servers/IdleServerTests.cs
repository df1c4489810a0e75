using Faas.Core.Deployments;
using Faas.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Faas.Server.Tests.Servers;

/// <summary>Scale to zero: a server without requests is stopped, and the next request waits for its start.</summary>
public sealed class IdleServerTests
{
    [Fact]
    public async Task Idle_NoRequests_StoppedThenColdStartedByNextRequest()
    {
        await using var factory = new FaasAppFactory();
        factory.Settings["Faas:Servers:IdleTimeout"] = "00:00:00.300";
        using var client = await factory.CreateReadyClientAsync().Bounded(TimeSpan.FromSeconds(150));
        await client.DeployServerAsync("srv-idle", Samples.Zip("node-server"));
        var server = factory.Services.GetRequiredService<DeploymentRegistry>().Get("srv-idle", Faas.Core.FaasError.NotFound).Active!.Runtime.Server!;
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        server.Stopped += () => stopped.TrySetResult();

        var first = (await client.GetJsonAsync("/invoke/srv-idle")).GetProperty("pid").GetInt32();
        await stopped.Task.Bounded(TimeSpan.FromSeconds(20));
        Assert.False(server.IsRunning);
        var idle = (await client.GetJsonAsync("/api/apps/srv-idle/processes")).GetProperty("server");
        Assert.Equal(("idle", System.Text.Json.JsonValueKind.Null), (idle.GetProperty("state").GetString(), idle.GetProperty("pid").ValueKind));
        await OsProcesses.WaitUntilGoneAsync([first], TimeSpan.FromSeconds(20)).Bounded();

        var second = (await client.GetJsonAsync("/invoke/srv-idle/again")).GetProperty("pid").GetInt32();
        Assert.NotEqual(first, second);
        Assert.Contains("idle for", await client.LogsAsync("srv-idle"), StringComparison.Ordinal);
    }
}

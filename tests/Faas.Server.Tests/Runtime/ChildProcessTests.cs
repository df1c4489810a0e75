using System.Diagnostics;
using System.Globalization;
using System.Net;
using Faas.Core.Workers;
using Faas.Server.Tests.Infrastructure;

namespace Faas.Server.Tests.Runtime;

/// <summary>A function that starts a process which never exits: it must not hold up a delete, nor outlive its app.</summary>
public sealed class ChildProcessTests(FaasServerFixture server) : IClassFixture<FaasServerFixture>
{
    private static readonly TimeSpan Grace = new WorkerOptions().StopTimeout;

    [Fact]
    public async Task Delete_FunctionStartedImmortalChild_AnswersWithinGraceAndNoProcessLeft()
    {
        await server.Client.DeploySampleBoundedAsync("python-child", "child-del");
        var seconds = Random.Shared.Next(10_000, 90_000);
        // The pid the function sees is its sandbox's (a pid namespace of its own): the child is found by its command line.
        Assert.True(int.Parse(await server.Client.CallOkAsync(server.CallPath("child-del", "start_child"), $"[{seconds}]"), CultureInfo.InvariantCulture) > 0);
        var child = await OsProcesses.WaitForAsync(TimeSpan.FromSeconds(10), "sleep", seconds.ToString(CultureInfo.InvariantCulture));
        var workers = WorkerProcesses.OfApp(server.DataDirectory, "child-del").Select(w => w.Pid).ToArray();

        var clock = Stopwatch.StartNew();
        var response = await server.Client.DeleteAppAsync(server.Factory.Prefix, "child-del").Bounded(Grace + TimeSpan.FromSeconds(10));
        clock.Stop();

        await response.ExpectAsync(HttpStatusCode.OK);
        Assert.True(clock.Elapsed < Grace, $"the delete took {clock.Elapsed.TotalSeconds:0.0} s, more than the {Grace.TotalSeconds:0} s grace period");
        await OsProcesses.WaitUntilGoneAsync([child, .. workers], TimeSpan.FromSeconds(5));
        Assert.Empty(OsProcesses.WithCommandLine("sleep", seconds.ToString(CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Delete_CallRunningWithImmortalChild_AnswersWithinGracePlusKillAndNoProcessLeft()
    {
        await server.Client.DeploySampleBoundedAsync("python-child", "child-busy");
        var seconds = Random.Shared.Next(10_000, 90_000).ToString(CultureInfo.InvariantCulture);
        var call = server.Client.CallAsync(server.CallPath("child-busy", "hold_with_child"), $"[{seconds}]");
        var child = await OsProcesses.WaitForAsync(TimeSpan.FromSeconds(30), "sleep", seconds);
        var workers = WorkerProcesses.OfApp(server.DataDirectory, "child-busy").Select(w => w.Pid).ToArray();

        var clock = Stopwatch.StartNew();
        var response = await server.Client.DeleteAppAsync(server.Factory.Prefix, "child-busy").Bounded(Grace + TimeSpan.FromSeconds(20));
        clock.Stop();

        await response.ExpectAsync(HttpStatusCode.OK);
        Assert.True(clock.Elapsed < Grace + TimeSpan.FromSeconds(3), $"the delete took {clock.Elapsed.TotalSeconds:0.0} s, the grace period is {Grace.TotalSeconds:0} s");
        Assert.NotEqual(HttpStatusCode.OK, (await call.Bounded()).StatusCode);
        await OsProcesses.WaitUntilGoneAsync([child, .. workers], TimeSpan.FromSeconds(5));
    }
}

using System.Net;
using Faas.Server.Tests.Infrastructure;

namespace Faas.Server.Tests.Deployments;

/// <summary>Deploying an app that already runs replaces its workers cleanly.</summary>
public sealed class RedeployTests(FaasServerFixture server) : IClassFixture<FaasServerFixture>
{
    private HttpClient Client => server.Client;

    [Fact]
    public async Task Redeploy_RunningNodeApp_ReplacesWorkerAndAppliesNewEnv()
    {
        await Client.DeploySampleBoundedAsync("node-env", "redep-node", new[] { new { name = "GREETING", value = "first" } });
        var before = WorkerProcesses.OfApp(server.DataDirectory, "redep-node");
        Assert.Single(before);

        await (await Client.DeployAsync("redep-node", new[] { new { name = "GREETING", value = "second" } }).Bounded(HubApi.DeployTimeout))
            .ExpectAsync(HttpStatusCode.OK);

        await WorkerProcesses.WaitUntilGoneAsync(before.Select(w => w.Pid));
        var after = Assert.Single(WorkerProcesses.OfApp(server.DataDirectory, "redep-node"));
        Assert.DoesNotContain(after.Pid, before.Select(w => w.Pid));
        Assert.Equal("\"second, world\"", await Client.CallOkAsync(server.CallPath("redep-node", "greeting", "latest"), null));
    }

    [Fact]
    public async Task Redeploy_MixedApp_LeavesExactlyOneWorkerPerLanguage()
    {
        await Client.DeploySampleBoundedAsync("mixed", "redep-mixed");
        var before = WorkerProcesses.OfApp(server.DataDirectory, "redep-mixed");
        Assert.Equal(["node", "py"], before.Select(w => w.Language).Order());

        for (var i = 0; i < 2; i++)
        {
            await (await Client.DeployAsync("redep-mixed").Bounded(HubApi.DeployTimeout)).ExpectAsync(HttpStatusCode.OK);
        }

        // The replaced versions stop their workers once idle: only v3's remain.
        await WorkerProcesses.WaitUntilGoneAsync(WorkerProcesses.OfApp(server.DataDirectory, "redep-mixed").Where(w => !w.WorkingDirectory.EndsWith("/v3", StringComparison.Ordinal)).Select(w => w.Pid));
        var after = WorkerProcesses.OfApp(server.DataDirectory, "redep-mixed");
        Assert.Equal(["node", "py"], after.Select(w => w.Language).Order());
        Assert.Empty(after.Select(w => w.Pid).Intersect(before.Select(w => w.Pid)));
        Assert.Equal("7", await Client.CallOkAsync(server.CallPath("redep-mixed", "add", "latest"), "[3,4]"));
        Assert.Equal("12", await Client.CallOkAsync(server.CallPath("redep-mixed", "mul", "latest"), "[3,4]"));
    }

    [Fact]
    public async Task Redeploy_PythonApp_KeepsOldEnvAndAddsNew()
    {
        await Client.DeploySampleBoundedAsync("python-env", "redep-py", new[] { new { name = "FIRST", value = "1" } });

        await (await Client.DeployAsync("redep-py", new[] { new { name = "SECOND", value = "2" } }).Bounded(HubApi.DeployTimeout))
            .ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("\"1\"", await Client.CallOkAsync(server.CallPath("redep-py", "env", "latest"), """["FIRST"]"""));
        Assert.Equal("\"2\"", await Client.CallOkAsync(server.CallPath("redep-py", "env", "latest"), """["SECOND"]"""));
        Assert.Single(WorkerProcesses.OfApp(server.DataDirectory, "redep-py"));
    }

    [Fact]
    public async Task Redeploy_ConcurrentDeploys_LeaveOneWorkingWorker()
    {
        await Client.DeploySampleBoundedAsync("node-sum", "redep-race");

        var deploys = Enumerable.Range(0, 4).Select(_ => Client.DeployAsync("redep-race")).ToList();
        var responses = await Task.WhenAll(deploys).Bounded(HubApi.DeployTimeout);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal("3", await Client.CallOkAsync(server.CallPath("redep-race", "sum", "latest"), "[1,2]"));
        var active = Assert.Single(WorkerProcesses.OfApp(server.DataDirectory, "redep-race"), w => w.WorkingDirectory.EndsWith("/v5", StringComparison.Ordinal));
        // The versions replaced one after another stop their workers once idle.
        await WorkerProcesses.WaitUntilGoneAsync(WorkerProcesses.OfApp(server.DataDirectory, "redep-race").Select(w => w.Pid).Where(p => p != active.Pid));
    }
}

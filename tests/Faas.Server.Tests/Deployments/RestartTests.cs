using System.Net;
using Faas.Server.Tests.Infrastructure;

namespace Faas.Server.Tests.Deployments;

/// <summary>
/// A server stopped and started again over the same data folder (<see cref="FaasAppFactory.Restarted"/>):
/// deployed apps answer right after readiness, with their env; each test owns its servers.
/// </summary>
public sealed class RestartTests
{
    [Fact]
    public async Task Restart_DeployedNodeAndPythonApps_AnswerRightAfterReadinessWithTheirEnv()
    {
        var first = new FaasAppFactory();
        await using var second = first.Restarted();
        int[] firstWorkers;
        await using (first)
        {
            var client = await first.CreateReadyClientAsync().Bounded(HubApi.DeployTimeout);
            await client.DeploySampleBoundedAsync("node-env", "rs-node", new[] { new { name = "GREETING", value = "still here" } });
            await client.DeploySampleBoundedAsync("python-env", "rs-py", new[] { new { name = "SECRET", value = "kept" } });
            await client.DeploySampleBoundedAsync("mixed", "rs-mixed");
            firstWorkers = [.. WorkerProcesses.Under(first.DataDirectory).Select(w => w.Pid)];
        }
        await WorkerProcesses.WaitUntilGoneAsync(firstWorkers);
        Assert.Empty(WorkerProcesses.Under(second.DataDirectory));

        var restarted = await second.CreateReadyClientAsync().Bounded(HubApi.DeployTimeout);

        Assert.Equal("\"still here, world\"", await restarted.CallOkAsync(second.CallPath("rs-node", "greeting"), null));
        Assert.Equal("\"kept\"", await restarted.CallOkAsync(second.CallPath("rs-py", "env"), """["SECRET"]"""));
        Assert.Equal("12", await restarted.CallOkAsync(second.CallPath("rs-mixed", "mul"), "[3,4]"));
        Assert.Equal("7", await restarted.CallOkAsync(second.CallPath("rs-mixed", "add"), "[3,4]"));
        foreach (var app in new[] { "rs-node", "rs-py", "rs-mixed" })
        {
            var deployment = (await restarted.InspectAppAsync(app))!.Value;
            Assert.Equal("ready", deployment.GetProperty("status").GetString());
            Assert.NotEmpty(deployment.GetProperty("packages").EnumerateObject());
        }
        Assert.Single(WorkerProcesses.OfApp(second.DataDirectory, "rs-node"));
    }

    [Fact]
    public async Task Restart_AppUploadedButNeverDeployed_StaysCreate()
    {
        var first = new FaasAppFactory();
        await using var second = first.Restarted();
        await using (first)
        {
            var client = await first.CreateReadyClientAsync().Bounded(HubApi.DeployTimeout);
            await (await client.UploadAsync("rs-created", Samples.Zip("node-sum")).Bounded()).ExpectAsync(HttpStatusCode.Created);
        }

        var restarted = await second.CreateReadyClientAsync().Bounded(HubApi.DeployTimeout);

        Assert.Equal("create", (await restarted.InspectAppAsync("rs-created"))!.Value.GetProperty("status").GetString());
        Assert.Empty(WorkerProcesses.OfApp(second.DataDirectory, "rs-created"));
        Assert.Equal(404, (int)(await restarted.CallBoundedAsync(second.CallPath("rs-created", "sum"), "[1,2]")).StatusCode);
        await (await restarted.DeployAsync("rs-created").Bounded(HubApi.DeployTimeout)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("3", await restarted.CallOkAsync(second.CallPath("rs-created", "sum"), "[1,2]"));
    }

    [Fact]
    public async Task Restart_DeletedApp_StaysDeleted()
    {
        var first = new FaasAppFactory();
        await using var second = first.Restarted();
        await using (first)
        {
            var client = await first.CreateReadyClientAsync().Bounded(HubApi.DeployTimeout);
            await client.DeploySampleBoundedAsync("node-sum", "rs-deleted");
            await (await client.DeleteAppAsync(first.Prefix, "rs-deleted")).ExpectAsync(HttpStatusCode.OK);
        }

        var restarted = await second.CreateReadyClientAsync().Bounded(HubApi.DeployTimeout);

        Assert.Null(await restarted.InspectAppAsync("rs-deleted"));
        Assert.Equal(404, (int)(await restarted.CallBoundedAsync(second.CallPath("rs-deleted", "sum"), "[1,2]")).StatusCode);
    }

    [Fact]
    public async Task Restart_LeftoversOfACrash_AreCleanedAndDoNotBlockUploads()
    {
        var first = new FaasAppFactory();
        await using var second = first.Restarted();
        await using (first)
        {
            await first.CreateReadyClientAsync().Bounded(HubApi.DeployTimeout);
        }
        var data = second.DataDirectory;
        // A staging folder the server was extracting into when it died.
        Directory.CreateDirectory(Path.Combine(data, "staging", "interrupted", "lib"));
        File.WriteAllText(Path.Combine(data, "staging", "interrupted", "lib", "index.js"), "half");
        // An app folder moved in place, with a half-written manifest and no record.
        Directory.CreateDirectory(Path.Combine(data, "apps", "half"));
        File.WriteAllText(Path.Combine(data, "apps", "half", "metacall.json"), """{"language_id":"no""");
        // A complete app whose record was cut short: like the original, a folder in apps/ is deployed.
        Directory.CreateDirectory(Path.Combine(data, "apps", "half-record"));
        File.WriteAllText(Path.Combine(data, "apps", "half-record", "metacall.json"), """{"language_id":"node","path":".","scripts":["index.js"]}""");
        File.WriteAllText(Path.Combine(data, "apps", "half-record", "index.js"), "module.exports = { ok: () => 'ok' };");
        Directory.CreateDirectory(Path.Combine(data, "state", "half-record"));
        File.WriteAllText(Path.Combine(data, "state", "half-record", "deployment.json"), """{"name":"half-rec""");
        // State of an app whose folder is gone.
        Directory.CreateDirectory(Path.Combine(data, "state", "orphan"));

        var restarted = await second.CreateReadyClientAsync().Bounded(HubApi.DeployTimeout);

        Assert.False(Directory.Exists(Path.Combine(data, "staging", "interrupted")), "the staging leftover is still there");
        Assert.False(Directory.Exists(Path.Combine(data, "state", "orphan")), "the orphan state folder is still there");
        await restarted.DeploySampleBoundedAsync("node-sum", "half");
        Assert.Equal("3", await restarted.CallOkAsync(second.CallPath("half", "sum"), "[1,2]"));
        Assert.Equal("ready", (await restarted.InspectAppAsync("half"))!.Value.GetProperty("status").GetString());
        Assert.Equal("\"ok\"", await restarted.CallOkAsync(second.CallPath("half-record", "ok"), null));
    }

    [Fact]
    public async Task Restart_Twice_EnvStillPreserved()
    {
        var first = new FaasAppFactory();
        var second = first.Restarted();
        await using var third = second.Restarted();
        await using (first)
        {
            var client = await first.CreateReadyClientAsync().Bounded(HubApi.DeployTimeout);
            await client.DeploySampleBoundedAsync("python-env", "rs-twice", new[] { new { name = "SECRET", value = "twice" } });
        }
        await using (second)
        {
            var client = await second.CreateReadyClientAsync().Bounded(HubApi.DeployTimeout);
            Assert.Equal("\"twice\"", await client.CallOkAsync(second.CallPath("rs-twice", "env"), """["SECRET"]"""));
        }

        var restarted = await third.CreateReadyClientAsync().Bounded(HubApi.DeployTimeout);

        Assert.Equal("\"twice\"", await restarted.CallOkAsync(third.CallPath("rs-twice", "env"), """["SECRET"]"""));
    }
}

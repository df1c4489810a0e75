using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Faas.Server.Tests.EndToEnd;
using Faas.Server.Tests.Infrastructure;

namespace Faas.Server.Tests.Runtime;

/// <summary>The real server process: stopping it gracefully, and killing it with workers running.</summary>
public sealed class ProcessLifetimeTests
{
    private static async Task<(ServerProcess Server, HttpClient Client)> StartWithFaultsAsync(string data)
    {
        var server = await ServerProcess.StartAsync(data, TestContext.Current.CancellationToken);
        var client = server.CreateClient();
        await client.DeployZipAsync("lifetime", Samples.Zip("faults"));
        return (server, client);
    }

    [Fact]
    public async Task KillNine_WithBusyAndIdleWorkers_WorkersExitToo()
    {
        var data = TempDirectory.Create("faas-kill");
        try
        {
            var (server, client) = await StartWithFaultsAsync(data);
            await using (server)
            {
                using (client)
                {
                    await client.CallOkAsync(ServerProcess.CallPath("lifetime", "py_pid"), null);
                    // One worker blocked in a loop, which cannot read its stdin closing.
                    _ = client.PostAsync(ServerProcess.CallPath("lifetime", "spin"), new StringContent("[]", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
                    await Task.Delay(300, TestContext.Current.CancellationToken);
                    var workers = WorkerProcesses.Under(data).Select(w => w.Pid).ToArray();
                    Assert.True(workers.Length >= 2, $"expected node and python workers, found {workers.Length}");

                    await Signals.SendAsync(server.ProcessId, "KILL");

                    await WorkerProcesses.WaitUntilGoneAsync(workers);
                }
            }
        }
        finally
        {
            TempDirectory.Delete(data);
        }
    }

    [Fact]
    public async Task Terminate_CallInFlight_CallFinishesThenWorkersStop()
    {
        var data = TempDirectory.Create("faas-term");
        try
        {
            var (server, client) = await StartWithFaultsAsync(data);
            await using (server)
            {
                using (client)
                {
                    var inFlight = client.PostAsync(ServerProcess.CallPath("lifetime", "nap"), new StringContent("[1500]", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
                    await Task.Delay(300, TestContext.Current.CancellationToken);
                    var workers = WorkerProcesses.Under(data).Select(w => w.Pid).ToArray();

                    await Signals.SendAsync(server.ProcessId, "TERM");

                    var response = await inFlight.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
                    Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                    Assert.Equal("1500", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
                    await server.WaitForExitAsync(TimeSpan.FromSeconds(30));
                    await WorkerProcesses.WaitUntilGoneAsync(workers);
                }
            }
        }
        finally
        {
            TempDirectory.Delete(data);
        }
    }

    [Fact]
    public async Task Terminate_FunctionStartedImmortalChild_ServerExitsAndNoProcessLeft()
    {
        var data = TempDirectory.Create("faas-term-child");
        try
        {
            await using var server = await ServerProcess.StartAsync(data, TestContext.Current.CancellationToken);
            using var client = server.CreateClient();
            await client.DeployZipAsync("child", Samples.Zip("python-child"));
            var child = await StartChildAsync(client);
            var workers = WorkerProcesses.Under(data).Select(w => w.Pid).ToArray();

            var clock = Stopwatch.StartNew();
            await Signals.SendAsync(server.ProcessId, "TERM");
            await server.WaitForExitAsync(TimeSpan.FromSeconds(30));
            clock.Stop();

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the server took {clock.Elapsed.TotalSeconds:0.0} s to stop");
            await OsProcesses.WaitUntilGoneAsync([child, .. workers], TimeSpan.FromSeconds(5));
        }
        finally
        {
            TempDirectory.Delete(data);
        }
    }

    [Fact]
    public async Task KillNine_FunctionStartedImmortalChild_ChildDiesToo()
    {
        var data = TempDirectory.Create("faas-kill-child");
        try
        {
            await using var server = await ServerProcess.StartAsync(data, TestContext.Current.CancellationToken);
            using var client = server.CreateClient();
            await client.DeployZipAsync("child", Samples.Zip("python-child"));
            var child = await StartChildAsync(client);

            await Signals.SendAsync(server.ProcessId, "KILL");

            await OsProcesses.WaitUntilGoneAsync([child], TimeSpan.FromSeconds(10));
        }
        finally
        {
            TempDirectory.Delete(data);
        }
    }

    [Fact]
    public async Task KillNine_DuringInstallWithSlowPostinstall_InstallDiesToo()
    {
        var data = TempDirectory.Create("faas-kill-install");
        try
        {
            await using var server = await ServerProcess.StartAsync(data, TestContext.Current.CancellationToken);
            using var client = server.CreateClient();
            await (await client.UploadAsync("slow-install", Samples.Zip("node-slow-postinstall")).Bounded()).ExpectAsync(HttpStatusCode.Created);
            // Never answers: the install waits for the postinstall's sleep.
            _ = client.DeployAsync("slow-install");
            var postinstall = await OsProcesses.WaitForAsync(TimeSpan.FromSeconds(60), "sleep", "3099");
            var npm = AncestorsBelow(postinstall, server.ProcessId);
            Assert.NotEmpty(npm);

            await Signals.SendAsync(server.ProcessId, "KILL");

            await OsProcesses.WaitUntilGoneAsync([postinstall, .. npm], TimeSpan.FromSeconds(10));
        }
        finally
        {
            TempDirectory.Delete(data);
        }
    }

    private static async Task<int> StartChildAsync(HttpClient client)
    {
        var seconds = Random.Shared.Next(10_000, 90_000);
        // The pid the function sees is its sandbox's (a pid namespace of its own): the child is found by its command line.
        Assert.True(int.Parse(await client.CallOkAsync(ServerProcess.CallPath("child", "start_child"), $"[{seconds}]"), CultureInfo.InvariantCulture) > 0);
        return await OsProcesses.WaitForAsync(TimeSpan.FromSeconds(10), "sleep", seconds.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The parents of <paramref name="pid"/> below <paramref name="top"/> (npm, and the shell running its script).</summary>
    private static List<int> AncestorsBelow(int pid, int top)
    {
        var found = new List<int>();
        while (true)
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            pid = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
            if (pid == top)
            {
                return found;
            }
            Assert.True(pid > 1, "the postinstall's sleep is not a descendant of the server");
            found.Add(pid);
        }
    }
}

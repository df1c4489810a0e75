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
}

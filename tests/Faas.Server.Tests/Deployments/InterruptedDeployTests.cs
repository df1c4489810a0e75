using System.Net;
using System.Text.Json;
using Faas.Server.Tests.EndToEnd;
using Faas.Server.Tests.Infrastructure;
using Faas.Server.Tests.Runtime;

namespace Faas.Server.Tests.Deployments;

/// <summary>The real server process killed with <c>kill -9</c> in the middle of a redeploy.</summary>
public sealed class InterruptedDeployTests
{
    [Fact]
    public async Task KillNine_MidRedeploy_RestartServesPreviousVersionAndRecordsTheInterruption()
    {
        var data = TempDirectory.Create("faas-interrupted");
        try
        {
            await using (var server = await ServerProcess.StartAsync(data, TestContext.Current.CancellationToken))
            {
                using var client = server.CreateClient();
                await client.DeployZipAsync("interrupted", TestZip.NodeApp("module.exports = { which: () => 'one' };"), env: new[] { new { name = "WHO", value = "v1" } });
                // An install that takes a while: the server is killed while it runs.
                var slow = TestZip.Create(
                    ("metacall.json", """{"language_id":"node","path":".","scripts":["index.js"]}"""),
                    ("index.js", "module.exports = { which: () => 'two' };"),
                    ("package.json", """{"name":"slow","version":"1.0.0","scripts":{"postinstall":"sleep 4"}}"""));
                _ = client.PutAppAsync("interrupted", slow);
                await client.WaitForLogAsync("interrupted", "[install] npm install in .");

                await Signals.SendAsync(server.ProcessId, "KILL");
                await server.WaitForExitAsync(TimeSpan.FromSeconds(15));
            }

            await using var restarted = await ServerProcess.StartAsync(data, TestContext.Current.CancellationToken);
            using var again = restarted.CreateClient();
            Assert.Equal("\"one\"", await again.CallOkAsync(ServerProcess.CallPath("interrupted", "which").Replace("/v1/", "/latest/"), null));
            var inspect = (await again.InspectAppAsync("interrupted"))!.Value;
            Assert.Equal("ready", inspect.GetProperty("status").GetString());
            Assert.Equal("v1", inspect.GetProperty("version").GetString());
            Assert.Equal(["v1"], inspect.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("version").GetString()));
            var failure = inspect.GetProperty("lastFailure");
            Assert.Equal("v2", failure.GetProperty("version").GetString());
            Assert.Contains("interrupted", failure.GetProperty("error").GetString());
            var leftover = Path.Combine(data, "apps", "interrupted", "v2");
            Assert.False(Directory.Exists(leftover), $"left behind: {string.Join(", ", Directory.Exists(leftover) ? Directory.EnumerateFileSystemEntries(leftover, "*", SearchOption.AllDirectories) : [])}");
            Assert.Equal(JsonValueKind.Undefined, inspect.TryGetProperty("deploying", out var deploying) ? deploying.ValueKind : JsonValueKind.Undefined);
        }
        finally
        {
            TempDirectory.Delete(data);
        }
    }
}

using System.Net;
using System.Net.Sockets;
using Faas.Server.Tests.EndToEnd;
using Faas.Server.Tests.Infrastructure;

namespace Faas.Server.Tests.Hosting;

/// <summary>The real server started on a port another process holds: it says why it stops, and nothing else.</summary>
public sealed class FailedStartTests
{
    [Fact]
    public async Task Start_PortAlreadyTaken_SaysWhyAndNeverThatItIsReady()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var data = TempDirectory.Create("faas-taken");
        try
        {
            var (exitCode, output) = await ServerProcess.RunUntilExitAsync(data, port, TimeSpan.FromSeconds(60));

            Assert.NotEqual(0, exitCode);
            Assert.Contains("address already in use", output, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("the server is ready", output, StringComparison.Ordinal);
            Assert.DoesNotContain("BackgroundService failed", output, StringComparison.Ordinal);
        }
        finally
        {
            TempDirectory.Delete(data);
        }
    }
}

using Faas.Server.Tests.EndToEnd;
using Faas.Server.Tests.Infrastructure;

namespace Faas.Server.Tests.Dashboard;

/// <summary>The real server as its own process on a free 127.0.0.1 port (a browser cannot reach TestServer), shared by a class's tests.</summary>
public class DashboardServerFixture : IAsyncLifetime
{
    private readonly string root = TempDirectory.Create("faas-dashboard");

    public ServerProcess Server { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    /// <summary>Extra server settings, as environment variables.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>();

    public async ValueTask InitializeAsync()
    {
        Server = await ServerProcess.StartAsync(Directory.CreateDirectory(Path.Combine(root, "data")).FullName, TestContext.Current.CancellationToken, settings: Settings);
        Http = Server.CreateClient();
    }

    public async ValueTask DisposeAsync()
    {
        Http?.Dispose();
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
        TempDirectory.Delete(root);
        GC.SuppressFinalize(this);
    }
}

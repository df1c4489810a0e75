using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Faas.Server.Tests.Infrastructure;

/// <summary>
/// The real server in memory, with its data folder in a fresh temp directory and local git
/// repositories allowed. Workers are real Node.js and Python processes.
/// </summary>
public sealed class FaasAppFactory : WebApplicationFactory<Program>
{
    public FaasAppFactory()
        : this(TempDirectory.Create("faas-data"))
    {
    }

    private FaasAppFactory(string dataDirectory) => DataDirectory = dataDirectory;

    public string DataDirectory { get; }

    public string Prefix { get; } = System.Net.Dns.GetHostName();

    /// <summary>Everything this server logs.</summary>
    public LogCapture Logs { get; } = new();

    /// <summary>
    /// A second server over the same data folder, as after a restart. The data folder's ownership
    /// moves to the new server, so disposing this one (the "shutdown") leaves the data in place.
    /// </summary>
    public FaasAppFactory Restarted()
    {
        var next = new FaasAppFactory(DataDirectory) { OwnsData = OwnsData, ExecutionLog = ExecutionLog };
        foreach (var (key, value) in Settings)
        {
            next.Settings[key] = value;
        }
        OwnsData = false;
        return next;
    }

    private bool OwnsData { get; set; } = true;

    /// <summary>When set, receives the execution log lines (platform services' <c>log</c>) instead of the server's own sink.</summary>
    public RecordingExecutionLog? ExecutionLog { get; init; }

    /// <summary>Extra configuration (e.g. <c>Faas:Storage:KeepVersions</c>), set before the first client is made.</summary>
    public Dictionary<string, string> Settings { get; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Faas:Storage:DataDirectory", DataDirectory);
        builder.UseSetting("Faas:Git:AllowLocalRepositories", "true");
        builder.UseSetting("Faas:Workers:PythonPath", Runtimes.Python);
        builder.UseEnvironment("Development");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<ILoggerProvider>(Logs);
            if (ExecutionLog is not null)
            {
                services.AddSingleton<Faas.Core.Executions.IExecutionLog>(ExecutionLog);
            }
        });
    }

    /// <summary>Waits until the stored apps are restored.</summary>
    public async Task<HttpClient> CreateReadyClientAsync()
    {
        var client = CreateClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        while (true)
        {
            var response = await client.GetAsync("/api/readiness", timeout.Token);
            if (response.IsSuccessStatusCode)
            {
                return client;
            }
            await Task.Delay(50, timeout.Token);
        }
    }

    /// <summary>The Hub call route of a function; <paramref name="version"/> is <c>v1</c> (what Hub clients call), <c>latest</c> or another kept version.</summary>
    public string CallPath(string app, string function, string version = "v1") => $"/{Prefix}/{app}/{version}/call/{function}";

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && OwnsData)
        {
            TempDirectory.Delete(DataDirectory);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (OwnsData)
        {
            TempDirectory.Delete(DataDirectory);
        }
    }
}

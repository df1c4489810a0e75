using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Faas.Cli.Tests.Infrastructure;

/// <summary>
/// The real server as its own process (<c>dotnet Faas.Server.dll</c> from the test's output folder, where the CLI's
/// project reference puts it) on a free loopback port, over a temporary data folder; disposing kills its process tree.
/// </summary>
public class TestServer : IAsyncLifetime
{
    private readonly StringBuilder output = new();
    private Process? process;

    public string Url { get; private set; } = "";

    public string Root { get; } = Directory.CreateTempSubdirectory("faas-cli-").FullName;

    /// <summary>More server settings, as environment variables.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>();

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>The CLI's environment for this server, with its own state folder (no test shares a background server).</summary>
    public Dictionary<string, string> Variables(string home) => new()
    {
        ["FAAS_URL"] = Url,
        ["FAAS_HOME"] = home,
    };

    public virtual async ValueTask InitializeAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            Url = $"http://127.0.0.1:{port}";
            process = Start(Path.Combine(Root, "data"), Url);
            try
            {
                await WaitUntilReadyAsync(Url, () => process.HasExited, () => Output);
                return;
            }
            catch (InvalidOperationException) when (attempt < 3 && Output.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                Kill(process);
            }
        }
    }

    /// <summary>Stops the server as Ctrl-C would (SIGTERM), so it stops its apps (and removes their containers), within 30 s.</summary>
    protected async Task StopGracefullyAsync()
    {
        if (process is null || process.HasExited)
        {
            return;
        }
        using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            // Killed with its tree below.
        }
    }

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        if (process is not null)
        {
            Kill(process);
            process.Dispose();
        }
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A worker may still hold a file: the temp folder is the system's to clean.
        }
        return ValueTask.CompletedTask;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Python by absolute path when pyenv's is there (its shim costs ~300 ms a start).</summary>
    public static string Python { get; } =
        Environment.GetEnvironmentVariable("FAAS_TEST_PYTHON")
        ?? (File.Exists("/root/.pyenv/versions/3.11.7/bin/python3") ? "/root/.pyenv/versions/3.11.7/bin/python3" : "python3");

    public static async Task WaitUntilReadyAsync(string url, Func<bool> exited, Func<string> log)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(5) };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        while (true)
        {
            if (exited())
            {
                throw new InvalidOperationException($"The server exited before it was ready:\n{log()}");
            }
            try
            {
                using var response = await client.GetAsync($"{url}/api/readiness", timeout.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(100, timeout.Token);
        }
    }

    private Process Start(string data, string url)
    {
        var start = new ProcessStartInfo(DotnetHost(), ["exec", Path.Combine(AppContext.BaseDirectory, "Faas.Server.dll"), "--urls", url])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var name in new[] { "ASPNETCORE_URLS", "DOTNET_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS" })
        {
            start.Environment.Remove(name);
        }
        start.Environment["Faas__Storage__DataDirectory"] = data;
        start.Environment["Faas__Workers__PythonPath"] = Python;
        foreach (var (name, value) in Settings)
        {
            start.Environment[name] = value;
        }
        var started = Process.Start(start)!;
        started.StandardInput.Close();
        started.OutputDataReceived += (_, e) => Append(e.Data);
        started.ErrorDataReceived += (_, e) => Append(e.Data);
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        return started;
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(15));
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public static string DotnetHost()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        return !string.IsNullOrEmpty(host) && File.Exists(host) ? host : "dotnet";
    }
}

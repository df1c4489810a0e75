using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Faas.Server.Tests.Infrastructure;

namespace Faas.Server.Tests.EndToEnd;

/// <summary>
/// The real server as its own process (<c>dotnet Faas.Server.dll --urls http://127.0.0.1:&lt;port&gt;</c>),
/// run from the test's output folder (where the project reference puts <c>Faas.Server.dll</c> and
/// <c>workers/</c>), over a given data folder and with local git repositories allowed.
/// Disposing kills the whole process tree (server and workers).
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadinessTimeout = TimeSpan.FromSeconds(60);

    private readonly Process process;
    private readonly StringBuilder output = new();

    private ServerProcess(Process process, Uri baseUri, string dataDirectory)
    {
        this.process = process;
        BaseUri = baseUri;
        DataDirectory = dataDirectory;
    }

    /// <summary><c>http://127.0.0.1:&lt;port&gt;</c>, no trailing slash.</summary>
    public Uri BaseUri { get; }

    public string Url => BaseUri.GetLeftPart(UriPartial.Authority);

    public string DataDirectory { get; }

    /// <summary>The server's own process id (not its workers').</summary>
    public int ProcessId => process.Id;

    public bool HasExited => process.HasExited;

    /// <summary>Waits (bounded) for the server process to exit on its own.</summary>
    public Task WaitForExitAsync(TimeSpan timeout) => process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(timeout);

    /// <summary>The host name the server uses as the deployments' prefix.</summary>
    public static string Prefix { get; } = Dns.GetHostName();

    /// <summary>Everything the server wrote so far (stdout and stderr, interleaved).</summary>
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

    /// <summary>Starts the server and waits (≤ 60 s) until <c>/api/readiness</c> answers 200.</summary>
    /// <param name="bindHost">The address to bind; the tests only ever send to 127.0.0.1 (a <c>0.0.0.0</c> server answers there too).</param>
    /// <param name="settings">Extra configuration, as environment variables (<c>Faas__Security__RequireKeys</c>).</param>
    public static async Task<ServerProcess> StartAsync(
        string dataDirectory, CancellationToken cancellationToken, string bindHost = "127.0.0.1", IReadOnlyDictionary<string, string>? settings = null)
    {
        // A free port can be taken between probing and binding: try again on another one.
        for (var attempt = 1; ; attempt++)
        {
            var server = Launch(dataDirectory, FreePort(), bindHost, settings);
            try
            {
                await server.WaitUntilReadyAsync(cancellationToken);
                return server;
            }
            catch (ServerExitedException) when (attempt < 3 && server.Output.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                await server.DisposeAsync();
            }
            catch
            {
                await server.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>Starts the server on <paramref name="port"/> and waits (≤ <paramref name="timeout"/>) for it to exit on its own: a start that fails.</summary>
    public static async Task<(int ExitCode, string Output)> RunUntilExitAsync(string dataDirectory, int port, TimeSpan timeout)
    {
        await using var server = Launch(dataDirectory, port, "127.0.0.1", null);
        await server.WaitForExitAsync(timeout);
        return (server.process.ExitCode, server.Output);
    }

    /// <summary>A client for this server only: no proxy, bounded waits.</summary>
    public HttpClient CreateClient() =>
        new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false })
        {
            BaseAddress = BaseUri,
            Timeout = TimeSpan.FromSeconds(60),
        };

    public static string CallPath(string app, string function) => $"/{Prefix}/{app}/v1/call/{function}";

    /// <summary>Kills the server and its workers, as a crash or <c>kill -9</c> would.</summary>
    public async Task KillAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Reported by the caller's next readiness or call failure, with the output.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process.Dispose();
    }

    private static ServerProcess Launch(string dataDirectory, int port, string bindHost, IReadOnlyDictionary<string, string>? settings)
    {
        var folder = AppContext.BaseDirectory;
        var dll = Path.Combine(folder, "Faas.Server.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"Faas.Server.dll is not in the test output folder {folder}; build the test project.", dll);
        }
        var start = new ProcessStartInfo(DotnetHost(), ["exec", dll, "--urls", $"http://{bindHost}:{port}"])
        {
            WorkingDirectory = folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var env = start.Environment;
        foreach (var name in new[] { "ASPNETCORE_URLS", "DOTNET_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS" })
        {
            env.Remove(name);
        }
        env["ASPNETCORE_ENVIRONMENT"] = "Development";
        env["Faas__Storage__DataDirectory"] = dataDirectory;
        env["Faas__Git__AllowLocalRepositories"] = "true";
        env["Faas__Workers__PythonPath"] = Runtimes.Python;
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            env[name] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.Start();
        process.StandardInput.Close();
        var result = new ServerProcess(process, new Uri($"http://127.0.0.1:{port}"), dataDirectory);
        process.OutputDataReceived += (_, e) => result.Append(e.Data);
        process.ErrorDataReceived += (_, e) => result.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return result;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var client = CreateClient();
        client.Timeout = TimeSpan.FromSeconds(5);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ReadinessTimeout);
        var last = "no answer yet";
        while (true)
        {
            if (process.HasExited)
            {
                throw new ServerExitedException($"The server exited with code {process.ExitCode} before it was ready.\n--- server output ---\n{Output}");
            }
            try
            {
                using var response = await client.GetAsync("/api/readiness", timeout.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(timeout.Token)}";
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }
            catch (TaskCanceledException) when (!timeout.IsCancellationRequested)
            {
                last = "the readiness request timed out";
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                break;
            }
            try
            {
                await Task.Delay(100, timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                break;
            }
        }
        throw new TimeoutException($"{BaseUri}api/readiness did not answer 200 within {ReadinessTimeout.TotalSeconds:0} s (last: {last}).\n--- server output ---\n{Output}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The dotnet host running the tests (the SDK sets DOTNET_HOST_PATH), else <c>dotnet</c> from PATH.</summary>
    private static string DotnetHost()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        return !string.IsNullOrEmpty(host) && File.Exists(host) ? host : "dotnet";
    }

    private sealed class ServerExitedException(string message) : Exception(message);
}

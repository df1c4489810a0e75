using System.Diagnostics;
using Faas.Cli.Http;

namespace Faas.Cli.Serve;

/// <summary>
/// Runs the Faas server that ships beside the CLI (<c>Faas.Server.dll</c>, its <c>appsettings.json</c> and
/// <c>workers/</c>), as a child: in the foreground for <c>faas serve</c>, or detached (output to a log file,
/// pid in <see cref="ServerState"/>) when <c>faas up</c> finds no server.
/// </summary>
internal sealed class ServerLauncher(CliEnvironment environment)
{
    private static readonly TimeSpan ReadinessTimeout = TimeSpan.FromSeconds(60);

    public static string ServerDll => Path.Combine(AppContext.BaseDirectory, "Faas.Server.dll");

    /// <summary>The server in the foreground: its output is this terminal's, Ctrl-C stops both.</summary>
    public async Task<int> RunAsync(Uri url, string? dataDirectory, IReadOnlyList<string> extra, CancellationToken cancellationToken)
    {
        using var process = Process.Start(StartInfo(url, dataDirectory, extra, detachedLog: null))
            ?? throw new CliException(ExitCode.Failed, "The server could not be started.");
        try
        {
            await process.WaitForExitAsync(cancellationToken);
            return process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            Stop(process);
            return 0;
        }
    }

    /// <summary>Starts the server in the background and waits (≤ 60 s) until it is ready; records it for <c>faas down</c>.</summary>
    public async Task<ServerState> StartDetachedAsync(FaasClient client, string? dataDirectory, CancellationToken cancellationToken)
    {
        var home = environment.StateDirectory;
        Directory.CreateDirectory(home);
        var log = Path.Combine(home, "server.log");
        using var process = Process.Start(StartInfo(client.BaseUri, dataDirectory, [], log))
            ?? throw new CliException(ExitCode.Failed, "The server could not be started.");
        var state = new ServerState(process.Id, client.Url, process.StartTime.ToUniversalTime(), log);
        state.Write(home);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ReadinessTimeout);
        try
        {
            while (!await client.IsReadyAsync(timeout.Token))
            {
                if (process.HasExited)
                {
                    ServerState.Delete(home);
                    throw new CliException(ExitCode.ServerUnreachable,
                        $"The server started for {client.Url} exited with code {process.ExitCode} before it was ready; its output is in {log}:\n{Tail(log)}");
                }
                await Task.Delay(100, timeout.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliException(ExitCode.ServerUnreachable, $"The server started for {client.Url} was not ready within {ReadinessTimeout.TotalSeconds:0} s; its output is in {log}.");
        }
        return state;
    }

    /// <summary>Stops a server and its workers: the whole process tree, at once.</summary>
    public static void Stop(Process process)
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

    private ProcessStartInfo StartInfo(Uri url, string? dataDirectory, IReadOnlyList<string> extra, string? detachedLog)
    {
        var dll = ServerDll;
        if (!File.Exists(dll))
        {
            throw new CliException(ExitCode.Failed, $"The server is not installed beside the CLI ({dll} is missing); build src/Faas.Cli, or run src/Faas.Server yourself.");
        }
        var urls = url.GetLeftPart(UriPartial.Authority);
        List<string> arguments = ["exec", dll, "--urls", urls, .. extra];
        ProcessStartInfo start;
        if (detachedLog is null)
        {
            start = new ProcessStartInfo(DotnetHost(), arguments);
        }
        else
        {
            // The shell replaces itself with the server (same pid), its output appended to the log and stdin closed,
            // so the server outlives this command and never writes to its terminal.
            start = new ProcessStartInfo("/bin/sh", ["-c", "log=$1; shift; exec \"$@\" >>\"$log\" 2>&1 </dev/null", "faas-serve", detachedLog, DotnetHost(), .. arguments]);
        }
        start.UseShellExecute = false;
        start.WorkingDirectory = AppContext.BaseDirectory;
        foreach (var name in new[] { "ASPNETCORE_URLS", "DOTNET_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS" })
        {
            start.Environment.Remove(name);
        }
        var data = dataDirectory ?? environment.Variable("FAAS_DATA");
        if (!string.IsNullOrEmpty(data))
        {
            start.Environment["Faas__Storage__DataDirectory"] = environment.FullPath(data);
        }
        return start;
    }

    private static string DotnetHost()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }
        // Running as a framework-dependent app: the host that runs this CLI runs the server too.
        var self = Environment.ProcessPath;
        return self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
    }

    private static string Tail(string log)
    {
        try
        {
            return string.Join('\n', File.ReadLines(log).TakeLast(20));
        }
        catch (IOException)
        {
            return "";
        }
    }
}

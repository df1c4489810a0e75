using System.Diagnostics;

namespace Faas.Core.Processes;

/// <summary>
/// Runs a short-lived tool (git, npm, pip) with an argument list, never a shell, and streams
/// every line it prints (stdout and stderr) to <c>onLine</c>. The tool runs in a process group of its
/// own (<see cref="ProcessGroup"/>), killed on timeout or cancellation and once the tool exits, so
/// nothing it started outlives it; every wait on its output is bounded.
/// </summary>
public static class ProcessRunner
{
    private const int KeptLines = 200;
    private static readonly TimeSpan OutputWait = TimeSpan.FromSeconds(2);

    /// <summary>A child process with all three standard streams piped and an argument list (never a shell).</summary>
    public static ProcessStartInfo StartInfo(string fileName, IEnumerable<string> arguments, string? workingDirectory)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        return start;
    }

    public static Task<ProcessResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        string? workingDirectory,
        TimeSpan timeout,
        IReadOnlyDictionary<string, string?>? environment = null,
        Action<string>? onLine = null,
        CancellationToken cancellationToken = default) =>
        RunAsync(IsolatedCommand.Inherit(fileName, [.. arguments], environment), workingDirectory, timeout, onLine, cancellationToken);

    /// <summary>Runs <paramref name="command"/> with its own environment (see <see cref="Isolation"/>).</summary>
    public static async Task<ProcessResult> RunAsync(
        IsolatedCommand command,
        string? workingDirectory,
        TimeSpan timeout,
        Action<string>? onLine = null,
        CancellationToken cancellationToken = default)
    {
        var start = StartInfo(command.FileName, command.Arguments, workingDirectory);
        command.ApplyEnvironment(start);

        var lastLines = new Queue<string>();
        void Collect(string? line)
        {
            if (line is null)
            {
                return;
            }
            lock (lastLines)
            {
                lastLines.Enqueue(line);
                if (lastLines.Count > KeptLines)
                {
                    lastLines.Dequeue();
                }
            }
            onLine?.Invoke(line);
        }

        using var process = new Process { StartInfo = start };
        using var group = ProcessGroup.Start(process, command.Cgroups);
        process.StandardInput.Close();
        // Own read loops rather than BeginOutputReadLine: Process then waits for the exit alone, not for
        // the end of output, which a grandchild holding the pipes could put off for ever.
        var output = Task.WhenAll(PumpAsync(process.StandardOutput, Collect), PumpAsync(process.StandardError, Collect));

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        var timedOut = false;
        var cancelled = false;
        try
        {
            await process.WaitForExitAsync(timeoutSource.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            timedOut = !cancellationToken.IsCancellationRequested;
            cancelled = !timedOut;
        }

        // Whatever the tool left running (a daemon, a build server, a postinstall's child) goes with it.
        group.Kill();
        await WaitBoundedAsync(process.WaitForExitAsync(CancellationToken.None)).ConfigureAwait(false);
        await WaitBoundedAsync(output).ConfigureAwait(false);
        if (cancelled)
        {
            cancellationToken.ThrowIfCancellationRequested();
        }

        string[] lines;
        lock (lastLines)
        {
            lines = [.. lastLines];
        }
        return new ProcessResult(timedOut || !process.HasExited ? -1 : process.ExitCode, timedOut, lines);
    }

    private static async Task PumpAsync(StreamReader reader, Action<string?> onLine)
    {
        try
        {
            while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                onLine(line);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The pipe was closed under us: the same as its end.
        }
    }

    /// <summary>
    /// Waits at most <see cref="OutputWait"/>: after the group is killed only a process that left it
    /// (setsid of its own) can still hold the pipes, and it must not hold the caller too.
    /// </summary>
    private static async Task WaitBoundedAsync(Task task)
    {
        try
        {
            await task.WaitAsync(OutputWait).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Given up on; disposing the process closes our ends of the pipes.
        }
    }
}

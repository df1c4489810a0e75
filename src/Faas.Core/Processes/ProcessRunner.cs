using System.Diagnostics;

namespace Faas.Core.Processes;

/// <summary>
/// Runs a short-lived tool (git, npm, pip) with an argument list, never a shell, and streams
/// every line it prints (stdout and stderr) to <c>onLine</c>. The process tree is killed on
/// timeout or cancellation.
/// </summary>
public static class ProcessRunner
{
    private const int KeptLines = 200;

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

    public static async Task<ProcessResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        string? workingDirectory,
        TimeSpan timeout,
        IReadOnlyDictionary<string, string?>? environment = null,
        Action<string>? onLine = null,
        CancellationToken cancellationToken = default)
    {
        var start = StartInfo(fileName, arguments, workingDirectory);
        if (environment is not null)
        {
            foreach (var (key, value) in environment)
            {
                start.Environment[key] = value;
            }
        }

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
        process.OutputDataReceived += (_, e) => Collect(e.Data);
        process.ErrorDataReceived += (_, e) => Collect(e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(timeoutSource.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            timedOut = !cancellationToken.IsCancellationRequested;
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }

        // The parameterless wait drains the asynchronous stdout/stderr readers.
        process.WaitForExit();
        string[] lines;
        lock (lastLines)
        {
            lines = [.. lastLines];
        }
        return new ProcessResult(timedOut ? -1 : process.ExitCode, timedOut, lines);
    }
}

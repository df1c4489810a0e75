namespace Faas.Core.Processes;

/// <summary>How a finished child process ended, with the tail of what it printed.</summary>
public sealed record ProcessResult(int ExitCode, bool TimedOut, IReadOnlyList<string> LastLines)
{
    public bool Succeeded => !TimedOut && ExitCode == 0;

    public string Tail(int lines = 20) => string.Join('\n', LastLines.TakeLast(lines));
}

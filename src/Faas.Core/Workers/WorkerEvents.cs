using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Faas.Core.Workers;

/// <summary>
/// The server log's view of one app's workers: started, exited, killed, timed out. (The app's own
/// log gets its lines from <see cref="Logging.AppLog"/>; these are for whoever runs the server.)
/// </summary>
public sealed partial class WorkerEvents(ILogger logger, string app)
{
    public static WorkerEvents None { get; } = new(NullLogger.Instance, "");

    public void Started(string language, int pid) => LogStarted(language, app, pid);

    public void Exited(string language, int pid, int exitCode) => LogExited(language, app, pid, exitCode);

    public void Stopped(string language, int pid) => LogStopped(language, app, pid);

    public void Killed(string language, int pid, TimeSpan grace) => LogKilled(language, app, pid, grace.TotalSeconds);

    public void TimedOut(string language, int pid, string function, TimeSpan timeout, bool killed)
    {
        if (killed)
        {
            LogTimedOutKilled(function, app, timeout.TotalSeconds, language, pid);
        }
        else
        {
            LogTimedOut(function, app, timeout.TotalSeconds, language, pid);
        }
    }

    public void GaveUp(string language, int failures, string reason) => LogGaveUp(language, app, failures, reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Started the {Language} worker of {App} (pid {Pid}).")]
    private partial void LogStarted(string language, string app, int pid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Language} worker of {App} (pid {Pid}) exited with code {ExitCode}.")]
    private partial void LogExited(string language, string app, int pid, int exitCode);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The {Language} worker of {App} (pid {Pid}) stopped.")]
    private partial void LogStopped(string language, string app, int pid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Killed the {Language} worker of {App} (pid {Pid}): still running {GraceSeconds} s after it was asked to stop.")]
    private partial void LogKilled(string language, string app, int pid, double graceSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The call to {Function} of {App} ran past its {TimeoutSeconds} s timeout; the {Language} worker (pid {Pid}) is stuck and was killed.")]
    private partial void LogTimedOutKilled(string function, string app, double timeoutSeconds, string language, int pid);

    [LoggerMessage(Level = LogLevel.Information, Message = "The call to {Function} of {App} ran past its {TimeoutSeconds} s timeout; the {Language} worker (pid {Pid}) still answers and is kept.")]
    private partial void LogTimedOut(string function, string app, double timeoutSeconds, string language, int pid);

    [LoggerMessage(Level = LogLevel.Error, Message = "Giving up on the {Language} workers of {App} after {Failures} failed starts: {Reason}")]
    private partial void LogGaveUp(string language, string app, int failures, string reason);
}

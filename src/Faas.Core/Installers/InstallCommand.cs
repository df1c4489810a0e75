using Faas.Core.Logging;
using Faas.Core.Processes;

namespace Faas.Core.Installers;

/// <summary>One run of an install tool: its output goes to the app's log, a failure quotes its last lines.</summary>
internal static class InstallCommand
{
    public static async Task RunAsync(
        string what, IsolatedCommand command, string folder, TimeSpan timeout, AppLog log, CancellationToken cancellationToken)
    {
        ProcessResult result;
        try
        {
            result = await ProcessRunner.RunAsync(command, folder, timeout,
                onLine: line => log.Write("install", line), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new FaasException(FaasError.BadRequest, $"{what} could not start ({command.FileName}): {e.Message}", e);
        }
        if (!result.Succeeded)
        {
            var why = result.TimedOut ? $"timed out after {timeout.TotalSeconds:0} s" : $"exited with code {result.ExitCode}";
            throw new FaasException(FaasError.BadRequest, $"{what} failed ({why}):\n{result.Tail(15)}");
        }
    }
}

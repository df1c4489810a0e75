using Faas.Core.Languages;

namespace Faas.Server.Hosting;

/// <summary>
/// Probes every language's runtime at start-up, in the background (start-up never waits for it),
/// and logs what it found: a version, or what to install. Deploys wait only for the probe they need.
/// </summary>
internal sealed partial class RuntimeProbeService(LanguageRuntimes runtimes, ILogger<RuntimeProbeService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        runtimes.ProbeAll();
        foreach (var language in runtimes.Languages.All)
        {
            RuntimeStatus status;
            try
            {
                status = await runtimes.StatusAsync(language, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return; // the server stops (or failed to start) before the probes ended: nothing to report
            }
            if (status.Available)
            {
                LogAvailable(language.Info.Id, status.Version ?? "", status.Executable);
            }
            else
            {
                LogUnavailable(language.Info.Id, status.Problem ?? "");
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Language {Language}: {Version} ({Executable})")]
    private partial void LogAvailable(string language, string version, string executable);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Language {Language} is unavailable: {Problem}")]
    private partial void LogUnavailable(string language, string problem);
}

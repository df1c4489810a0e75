using Faas.Core.Calls;
using Faas.Core.Deployments;
using Microsoft.Extensions.Options;

namespace Faas.Server.Hosting;

/// <summary>Restores the stored apps at start-up, then marks the server ready; stops every worker at shutdown.</summary>
internal sealed partial class RestoreService(
    DeploymentRestorer restorer, DeploymentManager manager, Readiness readiness, CallGate calls, IOptions<ServerOptions> options,
    IHostApplicationLifetime lifetime, ILogger<RestoreService> logger) : IHostedService
{
    private Task? _restore;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _restore = Task.Run(async () =>
        {
            try
            {
                await restorer.RestoreAllAsync(CancellationToken.None);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                LogRestoreFailed(e);
            }
            readiness.MarkReady();
            // Said once the server listens too (at once if it already does): never by a server whose start then failed.
            lifetime.ApplicationStarted.Register(LogReady);
        }, CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_restore is not null)
        {
            await _restore.WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None).ContinueWith(_ => { }, TaskScheduler.Default);
        }
        // Stop taking calls, let the running ones finish, then stop every worker.
        await calls.DrainAsync(options.Value.ShutdownGrace);
        await manager.StopAllAsync();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Restoring the stored apps failed.")]
    private partial void LogRestoreFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "All stored apps restored; the server is ready.")]
    private partial void LogReady();
}

using Faas.Core.Processes;

namespace Faas.Server.Hosting;

/// <summary>
/// Checks at start-up that bubblewrap runs sandboxes here and says so; without it the server warns and
/// runs workers in the weaker mode, or, with <c>Faas:Sandbox:Mode=Required</c>, refuses to start.
/// </summary>
internal sealed class SandboxProbeService(Isolation isolation) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => isolation.ReportAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

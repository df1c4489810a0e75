using Faas.Core.Deployments;
using Faas.Core.Logging;
using Faas.Core.Pools;
using Faas.Core.Storage;

namespace Faas.Core.Servers;

/// <summary>Builds and starts (or, for a kept version, only prepares) the server of a server app's version.</summary>
public sealed class ServerStarter(ServerKinds kinds, ServerAppOptions options, PoolOptions defaults, DataLayout layout, TimeProvider time)
{
    /// <summary>The app's server kind, or null for a functions app (see <see cref="ServerKinds"/>).</summary>
    public IServerKind? Find(string directory, string? hint) => kinds.Find(directory, hint);

    /// <param name="cold">Start no process: the first request starts it.</param>
    public async Task<AppRuntime> StartAsync(
        IServerKind kind, string app, VersionRecord record, string directory, string dependencies, AppLog log, bool cold, CancellationToken cancellationToken)
    {
        var settings = AppSettingsFile.Apply(defaults, directory);
        var env = record.Env.ToDictionary(e => e.Name, e => e.Value, StringComparer.Ordinal);
        var context = new ServerBuildContext(app, record.Id, directory, dependencies, env, Path.Combine(layout.Root, "cache"), log);
        var command = await kind.PrepareAsync(context, cancellationToken).ConfigureAwait(false);
        var server = new ServerProcess(kind.Id, command, log, options, time);
        try
        {
            if (!cold)
            {
                await server.StartAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return AppRuntime.ForServer(server, settings, log);
    }
}

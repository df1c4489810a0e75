using System.Diagnostics;
using Faas.Cli.Http;
using Faas.Core.Paths;

namespace Faas.Cli.Folders;

/// <summary>
/// Deploys one folder as its app's next version when its content hash differs from the active version's
/// (<c>PUT /api/apps/{app}?kind=server|functions</c>: the folder's kind by <see cref="AppClassifier"/>'s rule).
/// </summary>
internal sealed class FolderDeployer(FaasClient client)
{
    public async Task<DeployOutcome> DeployAsync(FunctionFolder folder, AppInfo? deployed, bool force, Action<FunctionFolder>? starting, string? envJson, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        string hash;
        try
        {
            hash = ContentHash.Compute(folder.Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new DeployOutcome(folder, DeployState.Failed, null, clock.Elapsed, [], $"hash: {e.Message}");
        }
        if (!force && deployed?.Active is { } active && active.Hash == hash)
        {
            return new DeployOutcome(folder, DeployState.UpToDate, active.Id, clock.Elapsed, Urls(folder, deployed), null);
        }
        starting?.Invoke(folder);
        try
        {
            using var zip = FolderZipper.Zip(folder.Path);
            var result = await client.DeployAsync(folder.Name, zip, envJson, folder.Kind == AppKind.Server ? "server" : "functions", cancellationToken);
            var app = await client.GetAppAsync(folder.Name, cancellationToken);
            return new DeployOutcome(folder, DeployState.Built, result.Version, clock.Elapsed, Urls(folder, app), null);
        }
        catch (CliException e) when (e.Code != ExitCode.ServerUnreachable)
        {
            return new DeployOutcome(folder, DeployState.Failed, null, clock.Elapsed, [], e.Message);
        }
        catch (IOException e)
        {
            return new DeployOutcome(folder, DeployState.Failed, null, clock.Elapsed, [], $"package: {e.Message}");
        }
    }

    /// <summary>Where the app answers: its functions' call URLs, or <c>/invoke/{app}</c> for a server.</summary>
    public IReadOnlyList<string> Urls(FunctionFolder folder, AppInfo app) =>
        folder.Kind == AppKind.Server && app.Functions.Count == 0
            ? [$"{client.Url}/invoke/{folder.Name}"]
            : [.. app.FunctionUrls(client.Url)];
}

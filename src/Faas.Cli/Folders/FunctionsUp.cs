using System.Collections.Concurrent;
using Faas.Cli.Http;

namespace Faas.Cli.Folders;

/// <summary>
/// One pass of <c>faas up</c> over a functions folder: hashes every app, deploys the changed ones (at most
/// four at once, like the reference), leaves the others alone.
/// </summary>
internal sealed class FunctionsUp(FaasClient client)
{
    private const int MaxParallelDeploys = 4;

    public async Task<IReadOnlyList<DeployOutcome>> RunAsync(
        IReadOnlyList<FunctionFolder> folders, bool force, Action<FunctionFolder>? starting, CancellationToken cancellationToken)
    {
        var deployed = (await client.InspectAsync(cancellationToken)).ToDictionary(a => a.Name, StringComparer.Ordinal);
        var deployer = new FolderDeployer(client);
        var outcomes = new ConcurrentDictionary<string, DeployOutcome>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(
            folders, new ParallelOptions { MaxDegreeOfParallelism = MaxParallelDeploys, CancellationToken = cancellationToken },
            async (folder, token) => outcomes[folder.Name] = await deployer.DeployAsync(folder, deployed.GetValueOrDefault(folder.Name), force, starting, null, token));
        return [.. folders.Select(f => outcomes[f.Name])];
    }
}

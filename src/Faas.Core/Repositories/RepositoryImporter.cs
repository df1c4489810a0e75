using Faas.Core.Apps;
using Faas.Core.Deployments;
using Faas.Core.Storage;

namespace Faas.Core.Repositories;

/// <summary>The Hub's repository routes: list branches and files, and add a repository as an app.</summary>
public sealed class RepositoryImporter(GitClient git, GitOptions options, DataLayout layout, DataQuota quota, DeploymentManager manager)
{
    public Task<IReadOnlyList<string>> BranchesAsync(string? url, CancellationToken cancellationToken) =>
        git.ListBranchesAsync(RepositoryUrl.Parse(url, options.AllowLocalRepositories), cancellationToken);

    public Task<IReadOnlyList<string>> FilesAsync(string? url, string? branch, CancellationToken cancellationToken) =>
        git.ListFilesAsync(RepositoryUrl.Parse(url, options.AllowLocalRepositories), RequireBranch(branch), cancellationToken);

    /// <summary>
    /// Clones the branch into staging and publishes it as <c>&lt;owner&gt;-&lt;repo&gt;</c>. A repository app
    /// that already exists is cloned again, as the Hub does: its files are replaced for the next deploy.
    /// </summary>
    public async Task<AppName> AddAsync(string? url, string? branch, string? jsons, CancellationToken cancellationToken)
    {
        var repository = RepositoryUrl.Parse(url, options.AllowLocalRepositories);
        var branchName = RequireBranch(branch);
        var manifests = UploadedManifests.ParseJsons(jsons);
        var staging = layout.NewStagingFolder();
        try
        {
            // The clone wants a folder that does not exist yet or is empty.
            var checkout = Path.Combine(staging, "app");
            await git.CloneAsync(repository, branchName, checkout, cancellationToken).ConfigureAwait(false);
            quota.Reserve(checkout, "The clone");
            UploadedManifests.Write(manifests, checkout);
            var record = new DeploymentRecord
            {
                Name = repository.AppId.Value,
                Source = "Repository",
                RepositoryUrl = repository.ToString(),
                Branch = branchName,
            };
            await manager.PublishAsync(repository.AppId, checkout, record, replaceDeployed: true, cancellationToken).ConfigureAwait(false);
            return repository.AppId;
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    private static string RequireBranch(string? branch)
    {
        GitClient.ValidateBranch(branch);
        return branch!;
    }
}

using Faas.Core.Apps;
using Faas.Core.Deployments;
using Faas.Core.Storage;

namespace Faas.Core.Packages;

/// <summary><c>package/create</c>: a zip becomes an app folder (extracted in staging, then moved into place).</summary>
public sealed class PackageUploader(DataLayout layout, PackageExtractor extractor, DataQuota quota, DeploymentManager manager)
{
    /// <param name="replaceDeployed">Replace the source of an app that has an active version (a new version's upload) instead of refusing, as the Hub does.</param>
    public async Task<AppName> UploadAsync(string? id, Stream zip, string? jsons, string? runners, bool replaceDeployed, CancellationToken cancellationToken)
    {
        var name = AppName.Parse(id);
        var manifests = UploadedManifests.ParseJsons(jsons);
        var runnerList = UploadedManifests.ParseRunners(runners);
        var staging = layout.NewStagingFolder();
        try
        {
            extractor.Extract(zip, staging);
            quota.Reserve(staging, "The upload");
            UploadedManifests.Write(manifests, staging);
            var record = new DeploymentRecord { Name = name.Value, Source = "Package", Runners = runnerList };
            await manager.PublishAsync(name, staging, record, replaceDeployed, cancellationToken).ConfigureAwait(false);
            return name;
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }
}

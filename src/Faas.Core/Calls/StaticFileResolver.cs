using Faas.Core.Deployments;
using Faas.Core.Languages;
using Faas.Core.Paths;

namespace Faas.Core.Calls;

/// <summary>
/// Finds a static file of an app: only the files (or files under the folders) that the app lists
/// in a <c>file</c> metacall json are served, and never anything whose real path leaves the app.
/// </summary>
public sealed class StaticFileResolver(DeploymentRegistry registry)
{
    public string Resolve(string? suffix, string? version, string path)
    {
        var ready = FunctionInvoker.ReadyVersion(registry, suffix, version);
        var runtime = ready.Runtime;
        var appDirectory = ready.Directory;
        var full = SafePath.Resolve(appDirectory, appDirectory, path);
        var served = runtime.Packages.TryGetValue(StaticFiles.Id, out var handles) ? handles : [];
        var listed = full is not null && File.Exists(full) && served.Any(h =>
        {
            var listedPath = Path.GetFullPath(Path.Combine(appDirectory, h.Name));
            return full == listedPath || full.StartsWith(listedPath + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        });
        return listed ? full! : throw new FaasException(FaasError.NotFound, $"The application '{suffix}' serves no file '{path}'.");
    }
}

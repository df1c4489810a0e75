using Faas.Core.Languages;
using Faas.Core.Workers;

namespace Faas.Core.Manifests;

/// <summary>
/// The scripts of an app that has no <c>metacall*.json</c> at all, inferred from the files at its
/// root (docs/api.md, "Apps without metacall.json"): each language, in the registry's order, says
/// which of them it would load (its runtime's rule, like a buildpack, else its extensions).
/// </summary>
public static class ManifestDetector
{
    public static AppManifest Detect(string appDirectory, LanguageRegistry languages)
    {
        var root = RootFiles.Read(appDirectory);
        var byLanguage = new Dictionary<string, IReadOnlyList<ScriptRef>>(StringComparer.Ordinal);
        foreach (var language in languages.All)
        {
            var scripts = language.Detect(root);
            if (scripts.Count > 0)
            {
                byLanguage[language.Info.Id] = [.. scripts.Select(path => new ScriptRef(Path.GetRelativePath(appDirectory, path).Replace('\\', '/'), path))];
            }
        }
        return new AppManifest(byLanguage);
    }
}

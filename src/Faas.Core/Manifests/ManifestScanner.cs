using System.Text.Json;
using System.Text.RegularExpressions;
using Faas.Core.Languages;
using Faas.Core.Paths;
using Faas.Core.Workers;

namespace Faas.Core.Manifests;

/// <summary>
/// Finds an app's <c>metacall*.json</c> files (anywhere in it, outside dependency and VCS folders)
/// and resolves their scripts to files inside the app, grouped by language id (an alias such as
/// <c>nodejs</c> counts as its language). An app with none has its scripts inferred by
/// <see cref="ManifestDetector"/>.
/// </summary>
public static partial class ManifestScanner
{
    public static AppManifest Scan(string appDirectory, LanguageRegistry languages)
    {
        var files = FindManifestFiles(appDirectory).ToList();
        if (files.Count == 0)
        {
            return ManifestDetector.Detect(appDirectory, languages);
        }
        var byLanguage = new Dictionary<string, List<ScriptRef>>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var manifest = Read(file);
            var language = manifest.LanguageId == StaticFiles.Id ? StaticFiles.Id
                : languages.TryGet(manifest.LanguageId!, out var known) ? known.Info.Id
                : throw Invalid(appDirectory, file, $"there is no worker for its language_id '{manifest.LanguageId}' (supported: {languages.Supported()})");
            var baseDirectory = SafePath.Resolve(appDirectory, Path.GetDirectoryName(file)!, manifest.Path ?? ".")
                ?? throw Invalid(appDirectory, file, $"its path '{manifest.Path}' leaves the app folder");
            if (!byLanguage.TryGetValue(language, out var scripts))
            {
                byLanguage[language] = scripts = [];
            }
            foreach (var script in manifest.Scripts ?? [])
            {
                var path = SafePath.Resolve(appDirectory, baseDirectory, script)
                    ?? throw Invalid(appDirectory, file, $"the script '{script}' leaves the app folder");
                if (!File.Exists(path) && !Directory.Exists(path))
                {
                    throw Invalid(appDirectory, file, $"the script '{script}' does not exist");
                }
                var name = Path.GetRelativePath(appDirectory, path).Replace('\\', '/');
                if (!scripts.Exists(s => s.Path == path))
                {
                    scripts.Add(new ScriptRef(name, path));
                }
            }
        }
        return new AppManifest(byLanguage.ToDictionary(p => p.Key, p => (IReadOnlyList<ScriptRef>)p.Value));
    }

    /// <summary>The manifest files of an app, relative order stable (by path).</summary>
    public static IEnumerable<string> FindManifestFiles(string appDirectory) =>
        AppFiles.Enumerate(appDirectory)
            .Where(f => ManifestName().IsMatch(Path.GetFileName(f)))
            .OrderBy(f => f.Count(c => c == Path.DirectorySeparatorChar))
            .ThenBy(f => f, StringComparer.Ordinal);

    private static MetacallJson Read(string file)
    {
        MetacallJson? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize(File.ReadAllText(file), ManifestJsonContext.Default.MetacallJson);
        }
        catch (JsonException e)
        {
            throw new FaasException(FaasError.BadRequest, $"{Path.GetFileName(file)} is not valid JSON: {e.Message}");
        }
        if (manifest is null || string.IsNullOrWhiteSpace(manifest.LanguageId))
        {
            throw new FaasException(FaasError.BadRequest, $"{Path.GetFileName(file)} has no language_id.");
        }
        return manifest;
    }

    private static FaasException Invalid(string appDirectory, string file, string why) =>
        new(FaasError.BadRequest, $"{Path.GetRelativePath(appDirectory, file)} is invalid: {why}.");

    [GeneratedRegex(@"^metacall(-.+)?\.json$", RegexOptions.CultureInvariant)]
    private static partial Regex ManifestName();
}

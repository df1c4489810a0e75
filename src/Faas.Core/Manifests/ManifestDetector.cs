using System.Text.Json;
using Faas.Core.Paths;
using Faas.Core.Workers;

namespace Faas.Core.Manifests;

/// <summary>
/// The scripts of an app that has no <c>metacall*.json</c> at all, inferred from the files at its
/// root (docs/api.md, "Apps without metacall.json"). For each language with a worker, in the order
/// node, py, rb, ts: its runtime rule if it applies (like a buildpack: <c>package.json</c> with a
/// <c>main</c>; <c>requirements.txt</c> or <c>pyproject.toml</c> with <c>main.py</c>; <c>Gemfile</c>
/// with <c>main.rb</c> or <c>app.rb</c>), else every root file with the language's extensions, by
/// name, minus tests and tool configs (like the CLI's wizard).
/// </summary>
public static class ManifestDetector
{
    private static readonly string[] LanguageOrder = [WorkerRuntimes.Node, WorkerRuntimes.Python, WorkerRuntimes.Ruby, WorkerRuntimes.TypeScript];

    public static AppManifest Detect(string appDirectory, IEnumerable<string> languages)
    {
        var available = languages.ToHashSet(StringComparer.Ordinal);
        var rootFiles = Directory.EnumerateFiles(appDirectory)
            .Where(f => new FileInfo(f).LinkTarget is null)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Order(StringComparer.Ordinal)
            .ToList();
        var byLanguage = new Dictionary<string, IReadOnlyList<ScriptRef>>(StringComparer.Ordinal);
        foreach (var language in LanguageOrder.Where(available.Contains))
        {
            var scripts = RuntimeRule(appDirectory, language, rootFiles) is { } main
                ? [main]
                : rootFiles.Where(f => IsScript(language, f)).Select(f => Path.Combine(appDirectory, f)).ToList();
            if (scripts.Count > 0)
            {
                byLanguage[language] = [.. scripts.Select(path => new ScriptRef(Path.GetRelativePath(appDirectory, path).Replace('\\', '/'), path))];
            }
        }
        return new AppManifest(byLanguage);
    }

    /// <summary>The one entry file a runtime detector would run, or null when its rule does not apply.</summary>
    private static string? RuntimeRule(string appDirectory, string language, List<string> rootFiles) => language switch
    {
        WorkerRuntimes.Node when rootFiles.Contains("package.json") => PackageMain(appDirectory),
        WorkerRuntimes.Python when rootFiles.Contains("requirements.txt") || rootFiles.Contains("pyproject.toml") =>
            rootFiles.Contains("main.py") ? Path.Combine(appDirectory, "main.py") : null,
        WorkerRuntimes.Ruby when rootFiles.Contains("Gemfile") =>
            new[] { "main.rb", "app.rb" }.Where(rootFiles.Contains).Select(f => Path.Combine(appDirectory, f)).FirstOrDefault(),
        _ => null,
    };

    /// <summary><c>main</c> of package.json, as written or with <c>.js</c> added, if it is a JavaScript file in the app.</summary>
    private static string? PackageMain(string appDirectory)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(appDirectory, "package.json")));
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("main", out var main) || main.GetString() is not { Length: > 0 } entry)
            {
                return null;
            }
            return new[] { entry, entry + ".js" }
                .Select(candidate => SafePath.Resolve(appDirectory, appDirectory, candidate))
                .FirstOrDefault(path => path is not null && File.Exists(path) && Extension(path) is ".js" or ".mjs" or ".cjs");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or IOException)
        {
            // Not a usable package.json: the extension rule decides.
            return null;
        }
    }

    /// <summary>A root file the extension rule loads for <paramref name="language"/>.</summary>
    public static bool IsScript(string language, string fileName)
    {
        var name = fileName.ToLowerInvariant();
        if (name.StartsWith('.') || name.Contains(".config.", StringComparison.Ordinal)
            || name.Contains(".test.", StringComparison.Ordinal) || name.Contains(".spec.", StringComparison.Ordinal))
        {
            return false;
        }
        var stem = Path.GetFileNameWithoutExtension(name);
        return (language, Extension(name)) switch
        {
            (WorkerRuntimes.Node, ".js" or ".mjs" or ".cjs") => true,
            (WorkerRuntimes.Python, ".py") => !(name is "setup.py" or "conftest.py" || stem.StartsWith("test_", StringComparison.Ordinal) || stem.EndsWith("_test", StringComparison.Ordinal)),
            (WorkerRuntimes.Ruby, ".rb") => !(stem.StartsWith("test_", StringComparison.Ordinal) || stem.EndsWith("_test", StringComparison.Ordinal) || stem.EndsWith("_spec", StringComparison.Ordinal)),
            (WorkerRuntimes.TypeScript, ".ts") => !name.EndsWith(".d.ts", StringComparison.Ordinal),
            _ => false,
        };
    }

    private static string Extension(string path) => Path.GetExtension(path).ToLowerInvariant();
}

using System.Text.Json;
using Faas.Core.Logging;
using Faas.Core.Paths;
using Faas.Core.Workers;

namespace Faas.Core.Installers;

/// <summary>
/// Installs an app's dependencies in every folder that declares some: <c>package.json</c> with
/// npm (into that folder's node_modules), <c>requirements.txt</c> with pip and <c>Gemfile</c> with
/// Bundler into the app's own state folder (never the system's). A manifest that declares nothing is
/// skipped, so an app without dependencies never touches the network. Installs are incremental: a
/// folder whose manifest, lock files and runtime are unchanged since its last install (see
/// <see cref="InstallKeys"/>), and whose output is still there, is not installed again.
/// </summary>
public sealed class DependencyInstaller(WorkerOptions options, string pythonExecutable, DependencyCache cache)
{
    private readonly RuntimeVersions _versions = new();

    public async Task InstallAsync(string appDirectory, InstallTargets targets, AppLog log, CancellationToken cancellationToken)
    {
        var keys = InstallKeys.Load(targets.KeysFile);
        var steps = await StepsAsync(appDirectory, targets).ConfigureAwait(false);
        foreach (var step in steps)
        {
            // Steps that fill one folder together (two requirements.txt into one --target) cannot share a cache entry.
            var shared = steps.Count(s => s.Output == step.Output) > 1;
            await RunAsync(step, appDirectory, keys, cacheable: !shared, log, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<List<InstallStep>> StepsAsync(string appDirectory, InstallTargets targets)
    {
        var steps = new List<InstallStep>();
        foreach (var folder in AppFiles.FoldersWith(appDirectory, "package.json"))
        {
            if (DeclaresNpmDependencies(Path.Combine(folder, "package.json")))
            {
                steps.Add(new InstallStep("npm install", folder, await _versions.GetAsync(options.NodePath).ConfigureAwait(false),
                    [.. new[] { "package.json", "package-lock.json", "npm-shrinkwrap.json" }.Select(f => Path.Combine(folder, f))],
                    Path.Combine(folder, "node_modules"),
                    options.NpmPath, ["install", "--no-audit", "--no-fund", "--no-progress", "--omit=dev"]));
            }
        }
        foreach (var folder in AppFiles.FoldersWith(appDirectory, "requirements.txt"))
        {
            var requirements = Path.Combine(folder, "requirements.txt");
            if (DeclaresRequirements(requirements))
            {
                steps.Add(new InstallStep("pip install", folder, await _versions.GetAsync(pythonExecutable).ConfigureAwait(false),
                    [requirements, .. LocalFilesNamedIn(requirements, appDirectory)], targets.PythonPackages,
                    pythonExecutable, ["-m", "pip", "install", "-r", "requirements.txt", "--target", targets.PythonPackages, "--upgrade",
                     "--disable-pip-version-check", "--no-input", "--no-warn-script-location"]));
            }
        }
        foreach (var folder in AppFiles.FoldersWith(appDirectory, "Gemfile"))
        {
            var gemfile = Path.Combine(folder, "Gemfile");
            if (RubyBundle.DeclaresGems(gemfile))
            {
                steps.Add(new InstallStep("bundle install", folder, await _versions.GetAsync(options.RubyPath).ConfigureAwait(false),
                    [gemfile, gemfile + ".lock"], targets.RubyGems,
                    options.BundlePath, ["install"],
                    RubyBundle.Environment(gemfile, targets.RubyGems).ToDictionary(p => p.Key, p => (string?)p.Value)));
            }
        }
        return steps;
    }

    private async Task RunAsync(InstallStep step, string appDirectory, InstallKeys keys, bool cacheable, AppLog log, CancellationToken cancellationToken)
    {
        var id = step.Id(appDirectory);
        if (keys.Matches(id, InstallKeys.Compute(step.Runtime, step.KeyFiles)) && Directory.Exists(step.Output))
        {
            log.Write("install", $"{id} skipped: dependencies unchanged");
            return;
        }
        // Keyed before the install (it may write the lock file): the key of the files as uploaded.
        var cacheKey = InstallKeys.Compute($"{step.What}\n{step.Runtime}", step.KeyFiles);
        if (cacheable && cache.TryLink(cacheKey, step.Output, step.Folder, step.KeyFiles))
        {
            log.Write("install", $"{id} skipped: dependencies unchanged (cached {cacheKey[..12]})");
            keys.Set(id, InstallKeys.Compute(step.Runtime, step.KeyFiles));
            keys.SetCacheKey(id, cacheKey);
            return;
        }
        // Forgotten first: an install that dies halfway must not look finished next time.
        keys.Set(id, null);
        if (!SafePath.IsInside(step.Folder, step.Output))
        {
            // The app's state folders (pip's --target); npm makes its own node_modules.
            Directory.CreateDirectory(step.Output);
        }
        log.Write("install", id);
        await InstallCommand.RunAsync(id, step.FileName, step.Arguments, step.Folder, step.Environment, options.InstallTimeout, log, cancellationToken)
            .ConfigureAwait(false);
        if (cacheable)
        {
            cache.Adopt(cacheKey, step.Output, step.Folder, step.KeyFiles);
            keys.SetCacheKey(id, cacheKey);
        }
        // Keyed after the install: it may have written the lock file (package-lock.json, Gemfile.lock).
        keys.Set(id, InstallKeys.Compute(step.Runtime, step.KeyFiles));
    }

    private static bool DeclaresNpmDependencies(string packageJson)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(packageJson));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return true;
            }
            static bool NonEmpty(JsonElement root, string name) =>
                root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object && value.EnumerateObject().Any();
            var hasInstallScript = root.TryGetProperty("scripts", out var scripts) && scripts.ValueKind == JsonValueKind.Object
                && (scripts.TryGetProperty("install", out _) || scripts.TryGetProperty("postinstall", out _) || scripts.TryGetProperty("preinstall", out _));
            return NonEmpty(root, "dependencies") || NonEmpty(root, "optionalDependencies") || hasInstallScript;
        }
        catch (JsonException)
        {
            // Let npm report what is wrong with it.
            return true;
        }
    }

    private static bool DeclaresRequirements(string requirements) =>
        File.ReadLines(requirements).Any(line => line.Trim() is { Length: > 0 } trimmed && !trimmed.StartsWith('#'));

    /// <summary>
    /// Files of the app a requirements file names (local wheels, <c>-r other.txt</c>), so a rebuilt
    /// wheel under the same name still reinstalls. Folders (<c>-e ./pkg</c>) are not hashed.
    /// </summary>
    private static IEnumerable<string> LocalFilesNamedIn(string requirements, string appDirectory)
    {
        var folder = Path.GetDirectoryName(requirements)!;
        var found = new List<string>();
        foreach (var line in File.ReadLines(requirements))
        {
            foreach (var word in line.Split('#')[0].Split((char[])[' ', '\t', '='], StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = word.StartsWith("file:", StringComparison.Ordinal) ? word["file:".Length..] : word;
                if (candidate.StartsWith('-') || candidate.Contains("://", StringComparison.Ordinal))
                {
                    continue;
                }
                if (SafePath.Resolve(appDirectory, folder, candidate) is { } path && File.Exists(path) && !found.Contains(path))
                {
                    found.Add(path);
                }
            }
        }
        return found;
    }
}

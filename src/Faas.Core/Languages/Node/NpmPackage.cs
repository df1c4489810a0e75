using System.Text.Json;
using Faas.Core.Paths;

namespace Faas.Core.Languages.Node;

/// <summary>What the server reads from a <c>package.json</c>: whether npm has anything to install, and its <c>main</c>.</summary>
internal static class NpmPackage
{
    public const string FileName = "package.json";

    /// <summary>Dependencies or an install script: anything else (no dependencies at all) needs no npm, nor network.</summary>
    public static bool DeclaresDependencies(string packageJson)
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

    /// <summary><c>main</c> of the app's package.json, as written or with <c>.js</c> added, if it is one of <paramref name="extensions"/> in the app.</summary>
    public static string? Main(string appDirectory, IReadOnlyList<string> extensions)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(appDirectory, FileName)));
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("main", out var main) || main.GetString() is not { Length: > 0 } entry)
            {
                return null;
            }
            return new[] { entry, entry + ".js" }
                .Select(candidate => SafePath.Resolve(appDirectory, appDirectory, candidate))
                .FirstOrDefault(path => path is not null && File.Exists(path) && extensions.Contains(Path.GetExtension(path).ToLowerInvariant()));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or IOException)
        {
            // Not a usable package.json: the extension rule decides.
            return null;
        }
    }
}
